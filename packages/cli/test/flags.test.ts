import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/index.js';
import { runDaKi } from './run-in-process.js';

// Every one of these fails before any file is read, so the folder need not exist.
const DIR = '/nonexistent/da-ki-flags-test';

describe('da-ki command line: arguments', () => {
  it('without a command prints the usage to stderr and exits 1', async () => {
    const run = await runDaKi([]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Usage: da-ki <command>/);
  });

  it('names an unknown command and the known ones', async () => {
    const run = await runDaKi(['rnak', DIR]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /unknown command "rnak"; expected one of check, rank, explain, forecast, synthetic/,
    );
  });

  it.each(['check', 'rank', 'explain', 'forecast', 'synthetic'])(
    '%s --help prints its flags to stdout, exit 0',
    async (command) => {
      const run = await runDaKi([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: da-ki ${command} <dir>`));
      expect(run.stdout).toMatch(/--help/);
      expect(run.stderr).toBe('');
    },
  );

  it('--help and --version at the top level', async () => {
    const help = await runDaKi(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Commands:\n {2}check/);
    expect(help.stdout).toMatch(/Exit codes: 0 done; 1 .*; 2 the folder cannot be read/);
    const version = await runDaKi(['--version']);
    expect(version.stdout).toBe(`${VERSION}\n`);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });

  it.each([
    [['rank', DIR, '--bogus'], /unknown flag --bogus for "da-ki rank"; expected one of --top, --as-of/],
    [['rank', DIR, '--top'], /--top needs a value \(N\)/],
    [['rank', DIR, '--top', '0'], /--top must be an integer 1 or more, got "0"/],
    [['rank', DIR, '--top', '3.5'], /--top must be an integer 1 or more, got "3.5"/],
    [['rank', DIR, '--top', 'ten'], /--top must be an integer 1 or more, got "ten"/],
    [['rank', DIR, '--format', 'xml'], /--format must be one of table, json, csv, got "xml"/],
    [['check', DIR, '--format', 'csv'], /--format must be one of table, json, got "csv"/],
    [['rank', DIR, '--as-of', '2024-02-30'], /--as-of must be a date as YYYY-MM-DD, got "2024-02-30"/],
    [['rank', DIR, '--as-of', '20240628'], /--as-of must be a date as YYYY-MM-DD, got "20240628"/],
    [['rank', DIR, '--include-stale=yes'], /--include-stale takes no value/],
    [
      ['rank', DIR, '--weights', 'performance=1'],
      /--weights is missing fundamental, sentiment, sector, momentum/,
    ],
    [
      ['rank', DIR, '--weights', 'performance=0.3,fundamental=0.25,sentiment=0.2,sector=0.15,growth=0.1'],
      /--weights names an unknown factor "growth"/,
    ],
    [
      ['rank', DIR, '--weights', 'performance=0.5,fundamental=0.25,sentiment=0.2,sector=0.15,momentum=0.1'],
      /--weights is invalid: weights must sum to 1, got a sum of 1.2/,
    ],
    [
      ['rank', DIR, '--weights', 'performance=-0.1,fundamental=0.45,sentiment=0.2,sector=0.35,momentum=0.1'],
      /--weights is invalid: weights\.performance .*non-negative/,
    ],
    [['rank', DIR, '--weights', 'performance=abc'], /--weights has performance=abc, which is not a number/],
    [
      ['rank', DIR, '--weights', 'performance:0.3'],
      /--weights has an item that is not name=value: "performance:0.3"/,
    ],
    [['rank'], /missing <dir>; usage: da-ki rank <dir> \[flags\]/],
    [['rank', DIR, 'extra'], /unexpected argument "extra"/],
    [['explain', DIR], /missing <SYMBOL>; usage: da-ki explain <dir> <SYMBOL>/],
    [['forecast', DIR, '--horizon', '0'], /--horizon must be an integer from 1 to 250, got "0"/],
    [
      ['forecast', DIR, '--models', 'xgboost,holt-winters'],
      /--models has an unknown model "holt-winters"; expected a list of xgboost, random-forest, lstm, arima, prophet/,
    ],
    [['forecast', DIR, '--symbols', 'A,,B'], /--symbols must be a comma-separated list without empty items/],
    [['synthetic', DIR, '--symbols', '0'], /--symbols must be an integer from 1 to 20000, got "0"/],
    [['synthetic', DIR, '--years', 'two'], /--years must be a number from 0.2 to 40, got "two"/],
  ])('%j exits 1 and says what is wrong', async (argv, message) => {
    const run = await runDaKi(argv as string[]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message as RegExp);
    expect(run.stderr).toMatch(/Run "da-ki \w+ --help" for usage/);
  });
});

// REPLAY_MONTHS is validated at start-up like every variable: a bad value, or a provider without its
// history at hand, stops the start naming the variable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './helpers/compiled.js';

const dataDir = mkdtempSync(join(tmpdir(), 'daki-replay-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: dataDir, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as InstanceType<typeof ConfigError>).problems;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('REPLAY_MONTHS', () => {
  it('defaults to 0 and takes a whole number of months', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).replayMonths).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir, REPLAY_MONTHS: '6' }).replayMonths).toBe(6);
  });

  it.each(['-1', '1.5', 'two', '121'])('rejects %s, naming the variable', (value) => {
    const found = problems({ REPLAY_MONTHS: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^REPLAY_MONTHS: /);
  });

  it('is refused for a provider without its history at hand', () => {
    expect(problems({ DATA_PROVIDER: 'yahoo', REPLAY_MONTHS: '2' })).toEqual([
      'REPLAY_MONTHS: only a provider with its history at hand (synthetic, folder) can be replayed (DATA_PROVIDER=yahoo)',
    ]);
  });
});

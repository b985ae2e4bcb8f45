/**
 * The published bundles, not the sources: each subpath export resolves in Node (ESM and CJS) and
 * gives the very objects the root gives. Without code splitting the CommonJS build would carry a
 * second copy of every class per entry, and `instanceof` across subpaths would fail. Runs after
 * the packages are built (`npm test` builds them first); skipped when `dist` is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = ['sdk', 'providers'].every((pkg) => existsSync(`${root}packages/${pkg}/dist/index.cjs`));

/** `[subpath, exported name]` pairs that must be the same object as the root's. */
const SHARED = [
  ['@da-ki/sdk/indicators', 'rsi'],
  ['@da-ki/sdk/indicators', 'StreamingIndicator'],
  ['@da-ki/sdk/scoring', 'ScoringEngine'],
  ['@da-ki/sdk/cache', 'LayeredCache'],
  ['@da-ki/sdk/sentiment', 'FinanceSentimentAnalyzer'],
  ['@da-ki/providers/http', 'CircuitOpenError'],
  ['@da-ki/providers/http', 'RateLimiter'],
] as const;

function run(args: string[]): unknown {
  const out = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1) as string);
}

const rootOf = (subpath: string) => subpath.split('/').slice(0, 2).join('/');

describe.skipIf(!built)('the built subpath exports', () => {
  it('CommonJS: each subpath export is the root export itself', () => {
    const checks = SHARED.map(
      ([sub, name]) =>
        `require(${JSON.stringify(sub)}).${name} === require(${JSON.stringify(rootOf(sub))}).${name}`,
    );
    expect(run(['-e', `console.log(JSON.stringify([${checks.join(',')}]))`])).toEqual(SHARED.map(() => true));
  });

  it('ESM: each subpath export is the root export itself', () => {
    const checks = SHARED.map(
      ([sub, name]) =>
        `(await import(${JSON.stringify(sub)})).${name} === (await import(${JSON.stringify(rootOf(sub))})).${name}`,
    );
    expect(run(['--input-type=module', '-e', `console.log(JSON.stringify([${checks.join(',')}]))`])).toEqual(
      SHARED.map(() => true),
    );
  });

  it('a validated series from one bundle is recognised by the other (ESM and CJS loaded together)', () => {
    const script = `
      const cjs = require('@da-ki/sdk');
      import('@da-ki/sdk').then((esm) => {
        const t = Date.UTC(2024, 0, 1);
        const { series } = cjs.validateBars({ symbol: 'X', source: 't', timestamps: [t], open: [1], high: [1], low: [1], close: [1], volume: [0] });
        console.log(JSON.stringify([esm.isValidatedBars(series), esm.isValidatedBars({ ...series })]));
      });`;
    expect(run(['-e', script])).toEqual([true, false]);
  });
});

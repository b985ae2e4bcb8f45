/**
 * The committed API reports (api/<package>.api.md) must list exactly what the packages export. A
 * failure shows which names appeared or disappeared and the command that rewrites the reports;
 * commit the rewritten file with the change, so the review sees the public surface move.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectExports, REPORT_COMMAND, renderReports } from '../scripts/api-report.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Lines only in `expected` (-) or only in `actual` (+), in report order: the rows that moved. */
function lineDiff(expected: string, actual: string): string[] {
  const before = expected.split('\n');
  const after = actual.split('\n');
  const kept = new Set(before);
  const had = new Set(after);
  return [
    ...before.filter((line) => !had.has(line)).map((line) => `- ${line}`),
    ...after.filter((line) => !kept.has(line)).map((line) => `+ ${line}`),
  ];
}

describe('collectExports', () => {
  it('names each export with the kind of what it resolves to, through re-exports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-report-'));
    try {
      writeFileSync(
        join(dir, 'parts.ts'),
        [
          'export function f(): void {}',
          'export class C {}',
          'export abstract class A {}',
          'export interface I {}',
          'export type T = number;',
          'export const k = 1;',
          'export let v = 2;',
          'export enum E { A }',
          'export namespace N { export const x = 1; }',
          'export class Hidden {}',
          'export const internal = 0;',
        ].join('\n'),
      );
      const entry = join(dir, 'index.ts');
      writeFileSync(
        entry,
        "export { A, C, E, f, I, k, N, T, v } from './parts.js';\nexport type { Hidden } from './parts.js';\n",
      );
      expect(collectExports(root, [entry]).get(entry)).toEqual([
        { name: 'A', kind: 'abstract class' },
        { name: 'C', kind: 'class' },
        { name: 'E', kind: 'enum' },
        { name: 'Hidden', kind: 'class (type only)' },
        { name: 'I', kind: 'interface' },
        { name: 'N', kind: 'namespace' },
        { name: 'T', kind: 'type' },
        { name: 'f', kind: 'function' },
        { name: 'k', kind: 'const' },
        { name: 'v', kind: 'let' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('API reports', () => {
  const reports = renderReports(root);

  it('covers every package, each with its root entry point', () => {
    expect([...reports.keys()].sort()).toEqual([
      'api/cli.api.md',
      'api/ml.api.md',
      'api/providers.api.md',
      'api/sdk.api.md',
    ]);
    expect(reports.get('api/sdk.api.md')).toContain('## `@da-ki/sdk/indicators`');
  });

  it.each([...reports.entries()])('%s matches the exports of the sources', (path, rendered) => {
    const file = join(root, path);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (committed !== rendered) {
      const diff = committed === '' ? [`${path} is missing`] : lineDiff(committed, rendered);
      throw new Error(
        `${path} is out of date: the public surface changed.\n${diff.join('\n')}\n` +
          `Run \`${REPORT_COMMAND}\` and commit ${path} if the change is intended.`,
      );
    }
  });
});

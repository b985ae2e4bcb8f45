/**
 * The committed API reports (api/<package>.api.md) must list exactly what the packages export. A
 * failure shows which names appeared or disappeared and the command that rewrites the reports;
 * commit the rewritten file with the change, so the review sees the public surface move.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORT_COMMAND, renderReports } from '../scripts/api-report.js';

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

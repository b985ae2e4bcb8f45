import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankDocument } from '../src/index.js';
import { TEST_SYMBOLS, writeTestFolder } from './data-folder.js';

// The real executable in a child process: the streams and exit codes a shell sees. It runs from
// the sources with tsx (the root tsconfig maps @da-ki/* to them), so no build is needed.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

function daKi(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let remove: () => void;
beforeAll(() => {
  ({ dir, remove } = writeTestFolder({ symbols: TEST_SYMBOLS.slice(0, 5) }));
});
afterAll(() => remove());

describe('the da-ki executable', () => {
  it('rank --format json: stdout is exactly one JSON document, progress is on stderr, exit 0', async () => {
    const run = await daKi(['rank', dir, '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as RankDocument;
    expect(doc.ranked).toHaveLength(5);
    expect(run.stderr).toMatch(/^reading .*: 1\/\d+/m);
    expect(run.stderr).toMatch(/^scoring: 5 scored/m);
  }, 60_000);

  it('exit 2 for a folder that cannot be read, 1 for a bad flag; stdout empty in both', async () => {
    const missing = await daKi(['rank', `${dir}-missing`]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/cannot read the folder/);
    const bad = await daKi(['rank', dir, '--top', 'many']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--top must be an integer 1 or more, got "many"/);
  }, 60_000);
});

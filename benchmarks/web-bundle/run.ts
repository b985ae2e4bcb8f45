// Size of the dashboard's script and styles as a browser downloads them: what the first page load
// needs (the entry chunk and its static imports) and what each view loaded on demand adds. Builds the
// web app into a temp folder with Vite's manifest (the server's dist/public is left alone), gzips each
// file at zlib's default level (as the server's compression does) and prints the table of
// examples/nest-server/web/README.md. `npx tsx benchmarks/web-bundle/run.ts`
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { printTable } from '../table.js';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const server = fileURLToPath(new URL('../../examples/nest-server/', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'daki-web-bundle-'));

try {
  const build = spawnSync(
    'npx',
    [
      'vite',
      'build',
      'web',
      '--outDir',
      out,
      '--emptyOutDir',
      '--manifest',
      'manifest.json',
      '--logLevel',
      'warn',
    ],
    { cwd: server, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status ?? build.signal})`);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;

  const size = (file: string) => {
    const bytes = readFileSync(join(out, file));
    return { raw: bytes.length, gzip: gzipSync(bytes).length };
  };
  /** The files a chunk loads with it: itself, its static imports (transitively) and their CSS. */
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    if (seen.has(chunk.file)) return seen;
    seen.add(chunk.file);
    for (const css of chunk.css ?? []) seen.add(css);
    for (const imported of chunk.imports ?? []) closure(imported, seen);
    return seen;
  };
  const total = (files: Iterable<string>, ext: string) => {
    let raw = 0;
    let gzip = 0;
    for (const file of files) {
      if (!file.endsWith(ext)) continue;
      const s = size(file);
      raw += s.raw;
      gzip += s.gzip;
    }
    return { raw, gzip };
  };
  const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));

  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entry) throw new Error('manifest has no entry chunk');
  const first = closure(entry);
  const rows: (string | number)[][] = [];
  const firstJs = total(first, '.js');
  const firstCss = total(first, '.css');
  rows.push(['first load (entry + static imports)', kb(firstJs.raw), kb(firstJs.gzip), kb(firstCss.gzip)]);
  // What each on-demand chunk adds on top of the first load (shared pieces counted where first needed).
  const lazy = Object.keys(manifest)
    .filter((key) => manifest[key]?.isDynamicEntry)
    .sort();
  for (const key of lazy) {
    const added = [...closure(key)].filter((file) => !first.has(file));
    const js = total(added, '.js');
    const css = total(added, '.css');
    rows.push([`on demand: ${key.replace(/^src\//, '')}`, kb(js.raw), kb(js.gzip), kb(css.gzip)]);
  }
  printTable(['script', 'JS kB', 'JS kB gzip', 'CSS kB gzip'], rows);
} finally {
  rmSync(out, { recursive: true, force: true });
}

// Runs every benchmark one after the other (each prints its own table), so that none of them
// competes with another for the two cores. `npm run bench`; one benchmark: `npx tsx benchmarks/<name>/run.ts`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const names = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(`${root}${entry.name}`).includes('run.ts'))
  .map((entry) => entry.name)
  .sort();
const failed: string[] = [];
for (const name of names) {
  process.stdout.write(`\n=== benchmarks/${name} ===\n`);
  const run = spawnSync('npx', ['tsx', `benchmarks/${name}/run.ts`], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(`${name} (exit ${run.status ?? run.signal})`);
}
if (failed.length > 0) {
  process.stderr.write(`\nfailed: ${failed.join(', ')}\n`);
  process.exit(1);
}

import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Fills `target` with a copy of a freshly initialised, empty PGlite cluster. Running initdb inside
 * PGlite costs seconds of CPU per server; CI has two cores, so the suite initialises one cluster per
 * PGlite version and copies it (a cluster of ~40 MB copies in ~0.1 s). The copy holds no tables: the
 * server still runs every migration on it, exactly as on a new DATA_DIR.
 */
export async function seedPgliteDataDir(target: string): Promise<void> {
  cpSync(await templateDir(), target, { recursive: true });
}

async function templateDir(): Promise<string> {
  const dir = join(tmpdir(), `daki-test-pglite-${pgliteVersion()}`);
  if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  // Built under a private name and renamed into place: parallel test files never see half a cluster.
  const building = `${dir}.building-${process.pid}-${Date.now()}`;
  mkdirSync(building, { recursive: true });
  const db = await PGlite.create(building);
  await db.close();
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another test file got there first
  }
  return dir;
}

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  for (let folder = dirname(entry); folder !== dirname(folder); folder = dirname(folder)) {
    const file = join(folder, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
  }
  throw new Error(`no package.json of @electric-sql/pglite above ${entry}`);
}

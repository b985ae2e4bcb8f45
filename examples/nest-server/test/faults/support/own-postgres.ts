import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { chown } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** Where the PostgreSQL server binaries are: `PG_BIN`, else the Debian packages, else /usr/local/bin. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  for (const version of ['17', '16', '15', '14']) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  if (existsSync('/usr/local/bin/pg_ctl')) return '/usr/local/bin';
  throw new Error('PostgreSQL binaries not found: set PG_BIN to the folder of initdb and pg_ctl');
}

/**
 * A PostgreSQL cluster of the test's own (`initdb` in a temp folder, on a free loopback port), so the
 * test may stop and start it; the shared server on 5432 is never touched. PostgreSQL refuses to run
 * as root, so as root the binaries run as the `postgres` user (`runuser`) and the folder is theirs.
 */
export class OwnPostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
    private readonly asUser: { uid: number; gid: number } | undefined,
  ) {}

  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'daki-fault-pg-'));
    const asUser = userInfo().uid === 0 ? await postgresUser() : undefined;
    if (asUser) await chown(dir, asUser.uid, asUser.gid);
    const cluster = new OwnPostgres(binDir(), dir, await freePort(), asUser);
    try {
      await cluster.exec('initdb', [
        '-D',
        join(dir, 'data'),
        '-A',
        'trust',
        '-U',
        'postgres',
        '--no-sync',
        '-E',
        'UTF8',
      ]);
      await cluster.resume();
    } catch (error) {
      await cluster.dispose();
      throw error;
    }
    return cluster;
  }

  /** Starts the stopped cluster on its port and waits until it accepts connections. */
  async resume(): Promise<void> {
    const settings = [
      `-p ${this.port}`,
      `-k ${this.dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=on',
      '-c max_connections=60',
    ].join(' ');
    await this.exec('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-o',
      settings,
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-t',
      '30',
      'start',
    ]);
  }

  /**
   * Stops the cluster. `fast` (the default) is an administrator shutdown: every session receives
   * 57P01 and is closed, in-flight transactions are rolled back — what a restart or fail-over does.
   */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.exec('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', '-t', '30', 'stop']);
  }

  /** Stops the cluster if it runs and deletes its folder. */
  async dispose(): Promise<void> {
    try {
      if (existsSync(join(this.dir, 'data', 'postmaster.pid'))) await this.stop('immediate');
    } catch {
      // already stopped, or never started
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const path = join(this.bin, tool);
    const [file, argv] = this.asUser ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
    await run(file, argv, { timeout: 60_000 });
  }
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
    throw new Error('running as root needs a "postgres" user to run PostgreSQL as');
  });
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
}

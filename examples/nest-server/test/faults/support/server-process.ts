import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, freePort } from './free-port.js';

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

/** Output lines kept per process, for the failure message of a test. */
const KEPT_LINES = 200;

/**
 * The BUILT server (`dist/main.js`) or worker (`dist/worker.js`) as a child process, so that a test
 * can tell whether it is still alive after a fault (an unhandled error ends it), and so that its
 * crash cannot take the test runner with it. Loopback only; its own DATA_DIR, deleted on stop.
 */
export class NodeProcess {
  private readonly output: string[] = [];
  private exited: Promise<void>;

  private constructor(
    readonly kind: 'server' | 'worker',
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly dataDir: string,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) this.output.push(line);
      this.output.splice(0, Math.max(0, this.output.length - KEPT_LINES));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /**
   * Starts `kind` with the test defaults plus `env` and, for the server, waits until `/health`
   * answers (bounded). Secrets are fixed so that a server and its workers agree.
   */
  static async start(kind: 'server' | 'worker', env: Record<string, string>): Promise<NodeProcess> {
    const dataDir = mkdtempSync(join(tmpdir(), `daki-fault-${kind}-`));
    const port = await freePort();
    const child = spawn(process.execPath, [join(DIST, kind === 'server' ? 'main.js' : 'worker.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'error',
        DATA_DIR: dataDir,
        JWT_SECRET: FAULT_SUITE_SECRETS.jwt,
        ENCRYPTION_KEY: FAULT_SUITE_SECRETS.encryption,
        RATE_LIMIT_PER_MINUTE: '1000000',
        FORECAST_MODE: 'off',
        SYNTHETIC_SYMBOLS: '40',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = new NodeProcess(kind, child, `http://127.0.0.1:${port}`, dataDir);
    if (kind === 'server') {
      try {
        await eventually(
          `${kind} /health`,
          async () => {
            if (!started.alive) throw new Error(`the ${kind} exited: ${started.log()}`);
            const response = await fetch(`${started.url}/health`, { signal: AbortSignal.timeout(2_000) });
            return response.ok ? true : undefined;
          },
          { attempts: 150, everyMs: 200 },
        );
      } catch (error) {
        await started.stop();
        throw error;
      }
    }
    return started;
  }

  /** Whether the process is still running (no exit, no fatal signal). */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How it ended, e.g. `code 1` or `signal SIGKILL`; `running` while alive. */
  get ending(): string {
    if (this.alive) return 'running';
    return this.child.signalCode ? `signal ${this.child.signalCode}` : `code ${this.child.exitCode}`;
  }

  /** The last lines it printed (for assertion messages). */
  log(): string {
    return this.output.join('\n');
  }

  /** SIGTERM, then SIGKILL after `graceMs`; removes its DATA_DIR. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.alive) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Secrets the suite's servers and workers share (test values, never used anywhere else). */
export const FAULT_SUITE_SECRETS = {
  jwt: `fault-suite-${randomBytes(24).toString('hex')}`,
  encryption: randomBytes(32).toString('hex'),
};

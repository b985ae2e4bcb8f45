import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Manifest } from './kustomize.js';
import { DEPLOY_DIR, K8S_DIR } from './paths.js';

// blue-green.sh against a recording kubectl (kubectl-standin.mjs): each test sets up the cluster the
// stand-in models and the step that fails, runs the real script, and reads back which commands ran
// and what state the cluster is left in. The stand-in records any switch of the Service to a colour
// that is not ready; every scenario asserts there was none. The JSONPath queries the stand-in
// answers are run through the real kubectl below, and the check Job's script against a real server.

const execFileAsync = promisify(execFile);
const SCRIPT = `${DEPLOY_DIR}blue-green.sh`;
const OLD = 'ghcr.io/da-ki/da-ki-server:0.1.0';
const NEW = 'ghcr.io/da-ki/da-ki-server:0.2.0';
const NEW_WORKER = 'ghcr.io/da-ki/da-ki-worker:0.2.0';
const QUERIES = JSON.parse(
  readFileSync(new URL('./kubectl-queries.json', import.meta.url), 'utf8'),
) as Record<string, string>;

const scratch = mkdtempSync(join(tmpdir(), 'da-ki-blue-green-'));
const bin = join(scratch, 'bin');
mkdirSync(bin);
for (const file of ['kubectl-standin.mjs', 'kubectl-queries.json']) {
  copyFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), join(scratch, file));
}
writeFileSync(join(bin, 'kubectl'), `#!/bin/sh\nexec node ${join(scratch, 'kubectl-standin.mjs')} "$@"\n`, {
  mode: 0o755,
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Colour = 'blue' | 'green';
interface Cluster {
  namespace: string;
  service: Colour;
  deployments: Record<string, { container: string; image: string; replicas: number; ready: boolean }>;
  jobs: Record<string, { image: string; status: string }>;
  fail: {
    rollout?: Colour;
    migration?: boolean;
    smoke?: boolean;
    healthAfterSwitch?: boolean;
    workerRollout?: boolean;
  };
  violations: string[];
}

/** Blue live on 0.1.0 with two replicas, green idle. */
function cluster(fail: Cluster['fail'] = {}): Cluster {
  return {
    namespace: 'da-ki',
    service: 'blue',
    deployments: {
      'da-ki-server-blue': { container: 'server', image: OLD, replicas: 2, ready: true },
      'da-ki-server-green': { container: 'server', image: OLD, replicas: 0, ready: false },
      'da-ki-worker': {
        container: 'worker',
        image: OLD.replace('server', 'worker'),
        replicas: 2,
        ready: true,
      },
    },
    jobs: {},
    fail,
    violations: [],
  };
}

interface Call {
  argv: string[];
  stdin?: string;
}

let runs = 0;
/** Runs blue-green.sh on `state`; returns its exit code, output, the kubectl calls and the state after. */
function release(state: Cluster, args: string[] = [NEW]) {
  const dir = join(scratch, `run-${++runs}`);
  mkdirSync(dir);
  const statePath = join(dir, 'state.json');
  const logPath = join(dir, 'calls.jsonl');
  writeFileSync(statePath, JSON.stringify(state));
  writeFileSync(logPath, '');
  const result = spawnSync('bash', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      KUBECTL_STATE: statePath,
      KUBECTL_LOG: logPath,
      POLL_SECONDS: '0',
    },
  });
  const calls = readFileSync(logPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Call);
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    calls,
    /** The calls that change the cluster, shortened (no namespace; a created Job as its name and args). */
    changes: calls.map(summary).filter((call) => !/^(get|logs) /.test(call)),
    after: JSON.parse(readFileSync(statePath, 'utf8')) as Cluster,
  };
}

function summary(call: Call): string {
  const argv = call.argv.filter((arg, i, all) => arg !== '--namespace' && all[i - 1] !== '--namespace');
  if (argv[0] === 'create' && call.stdin) {
    const job = parse(call.stdin) as Manifest;
    const container = job.spec.template.spec.containers[0];
    return ['create job', job.metadata.name, ...(container.args ?? [])].join(' ');
  }
  if (argv[0] === 'patch') {
    return `patch service -> ${JSON.parse(argv.at(-1) as string).spec.selector['app.kubernetes.io/color']}`;
  }
  return argv.join(' ');
}

const UP_AND_READY = [
  `set image deployment/da-ki-server-green server=${NEW}`,
  'scale deployment/da-ki-server-green --replicas=2',
  'rollout status deployment/da-ki-server-green --timeout=300s',
];
const MIGRATE = ['delete job da-ki-migrate --ignore-not-found --wait=true', 'create job da-ki-migrate'];
const SMOKE = [
  'delete job da-ki-verify --ignore-not-found --wait=true',
  'create job da-ki-verify http://da-ki-server-green /ready /health /api/wachstumsprognose/top10',
];
const CHECK_LIVE = [
  'delete job da-ki-verify --ignore-not-found --wait=true',
  'create job da-ki-verify http://da-ki-server /health /ready',
];

describe('blue-green.sh', () => {
  it('releases to the idle colour: ready, migrated, smoke-tested, switched, confirmed, old colour down, worker rolled', () => {
    const run = release(cluster());
    expect(run.status, run.stderr).toBe(0);
    expect(run.changes).toEqual([
      ...UP_AND_READY,
      ...MIGRATE,
      ...SMOKE,
      'patch service -> green',
      ...CHECK_LIVE,
      'scale deployment/da-ki-server-blue --replicas=0',
      `set image deployment/da-ki-worker worker=${NEW_WORKER}`,
      'rollout status deployment/da-ki-worker --timeout=300s',
    ]);
    // The Jobs are the base manifests with the new image (and the check's args) and nothing else.
    for (const call of run.calls.filter((c) => c.argv.includes('create'))) {
      const job = parse(call.stdin as string) as Manifest;
      const file = job.metadata.name === 'da-ki-migrate' ? 'migration-job.yaml' : 'verify-job.yaml';
      const original = parse(readFileSync(`${K8S_DIR}base/${file}`, 'utf8')) as Manifest;
      const container = job.spec.template.spec.containers[0];
      expect(container.image).toBe(NEW);
      original.spec.template.spec.containers[0].image = NEW;
      if (container.args) original.spec.template.spec.containers[0].args = container.args;
      expect(job).toEqual(original);
    }
    expect(run.after.service).toBe('green');
    expect(run.after.deployments['da-ki-server-green']).toMatchObject({
      image: NEW,
      replicas: 2,
      ready: true,
    });
    expect(run.after.deployments['da-ki-server-blue']).toMatchObject({ image: OLD, replicas: 0 });
    expect(run.after.deployments['da-ki-worker']?.image).toBe(NEW_WORKER);
    expect(run.after.violations).toEqual([]);
  });

  it('releases from green to blue just the same, in the namespace given', () => {
    const state = cluster();
    state.namespace = 'da-ki-staging';
    state.service = 'green';
    state.deployments['da-ki-server-green'] = { container: 'server', image: OLD, replicas: 1, ready: true };
    state.deployments['da-ki-server-blue'] = { container: 'server', image: OLD, replicas: 0, ready: false };
    const run = release(state, ['--namespace', 'da-ki-staging', '--timeout', '60', NEW]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.changes.slice(0, 3)).toEqual([
      `set image deployment/da-ki-server-blue server=${NEW}`,
      'scale deployment/da-ki-server-blue --replicas=1',
      'rollout status deployment/da-ki-server-blue --timeout=60s',
    ]);
    expect(run.changes).toContain(
      'create job da-ki-verify http://da-ki-server-blue /ready /health /api/wachstumsprognose/top10',
    );
    expect(run.after.service).toBe('blue');
    expect(run.after.deployments['da-ki-server-green']?.replicas).toBe(0);
    expect(run.calls.every((call) => call.argv.slice(0, 2).join(' ') === '--namespace da-ki-staging')).toBe(
      true,
    );
    expect(run.after.violations).toEqual([]);
  });

  it('a rollout that never gets ready: no migration, no switch, the idle colour back to 0', () => {
    const run = release(cluster({ rollout: 'green' }));
    expect(run.status).toBe(1);
    expect(run.changes).toEqual([...UP_AND_READY, 'scale deployment/da-ki-server-green --replicas=0']);
    expect(run.stderr).toContain('green did not become ready; blue keeps serving');
    expect(run.after.service).toBe('blue');
    expect(run.after.deployments['da-ki-server-blue']).toMatchObject({ replicas: 2, ready: true });
    expect(run.after.violations).toEqual([]);
  });

  it('a failed migration: its log shown, no smoke test, no switch, the idle colour back to 0', () => {
    const run = release(cluster({ migration: true }));
    expect(run.status).toBe(1);
    expect(run.changes).toEqual([
      ...UP_AND_READY,
      ...MIGRATE,
      'scale deployment/da-ki-server-green --replicas=0',
    ]);
    expect(run.calls.map(summary)).toContain('logs job/da-ki-migrate --tail=50');
    expect(run.stderr).toContain('the migration Job did not complete');
    expect(run.after.service).toBe('blue');
    expect(run.after.violations).toEqual([]);
  });

  it('a failed smoke test: its log shown, no switch, the idle colour back to 0', () => {
    const run = release(cluster({ smoke: true }));
    expect(run.status).toBe(1);
    expect(run.changes).toEqual([
      ...UP_AND_READY,
      ...MIGRATE,
      ...SMOKE,
      'scale deployment/da-ki-server-green --replicas=0',
    ]);
    expect(run.calls.map(summary)).toContain('logs job/da-ki-verify --tail=50');
    expect(run.stderr).toContain('the smoke test of green failed');
    expect(run.after.service).toBe('blue');
    expect(run.after.violations).toEqual([]);
  });

  it('a failed /health after the switch: switched back to the old colour, which was never scaled down', () => {
    const run = release(cluster({ healthAfterSwitch: true }));
    expect(run.status).toBe(1);
    expect(run.changes).toEqual([
      ...UP_AND_READY,
      ...MIGRATE,
      ...SMOKE,
      'patch service -> green',
      ...CHECK_LIVE,
      'patch service -> blue',
      'scale deployment/da-ki-server-green --replicas=0',
    ]);
    expect(run.stderr).toContain('switching back to blue');
    expect(run.after.service).toBe('blue');
    expect(run.after.deployments['da-ki-server-blue']).toMatchObject({
      image: OLD,
      replicas: 2,
      ready: true,
    });
    expect(run.after.deployments['da-ki-worker']?.image).not.toBe(NEW_WORKER);
    expect(run.after.violations).toEqual([]);
  });

  it('a worker that does not roll out leaves the released API alone and says to run again', () => {
    const run = release(cluster({ workerRollout: true }));
    expect(run.status).toBe(1);
    expect(run.after.service).toBe('green');
    expect(run.changes.filter((c) => c.startsWith('patch'))).toEqual(['patch service -> green']);
    expect(run.stderr).toContain('run this again to retry');
  });

  it('is idempotent: a second run of the same image changes nothing', () => {
    const first = release(cluster());
    expect(first.status).toBe(0);
    const second = release(first.after);
    expect(second.status, second.stderr).toBe(0);
    expect(second.changes).toEqual([]);
    expect(second.after).toEqual(first.after);
    expect(second.stderr).toContain('already live on green');
  });

  it('a run interrupted after the switch is finished by the next run: old colour down, worker rolled', () => {
    const state = cluster();
    state.service = 'green';
    state.deployments['da-ki-server-green'] = { container: 'server', image: NEW, replicas: 2, ready: true };
    const run = release(state);
    expect(run.status, run.stderr).toBe(0);
    expect(run.changes).toEqual([
      'scale deployment/da-ki-server-blue --replicas=0',
      `set image deployment/da-ki-worker worker=${NEW_WORKER}`,
      'rollout status deployment/da-ki-worker --timeout=300s',
    ]);
    expect(run.after.service).toBe('green');
  });

  it('--dry-run reads the state and prints every change in order, changing nothing', () => {
    const before = cluster();
    const run = release(before, ['--dry-run', NEW]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.calls.map((call) => call.argv[2])).toEqual(['get', 'get', 'get', 'get']);
    expect(run.after).toEqual(before);
    const printed = run.stdout.trim().split('\n');
    expect(printed.every((line) => line.startsWith('kubectl --namespace da-ki '))).toBe(true);
    expect(printed.map((line) => line.split(' ').slice(3, 5).join(' '))).toEqual([
      'set image',
      'scale deployment/da-ki-server-green',
      'rollout status',
      'delete job',
      'create -f',
      'delete job',
      'create -f',
      'patch service',
      'delete job',
      'create -f',
      'scale deployment/da-ki-server-blue',
      'set image',
      'rollout status',
    ]);
    expect(printed[4]).toMatch(/create -f - < \S+\/k8s\/base\/migration-job\.yaml {2}# with image: \S+$/);
    expect(printed[6]).toMatch(/create -f - < \S+\/k8s\/base\/verify-job\.yaml {2}# with image: \S+, args: /);
    expect(printed[6]).toContain(
      `${NEW}, args: ["http://da-ki-server-green", "/ready", "/health", "/api/wachstumsprognose/top10"]`,
    );
    expect(printed[9]).toContain('args: ["http://da-ki-server", "/health", "/ready"]');
    // Each line, pasted into a shell, runs exactly the command the script would run.
    const replay = (line: string) =>
      spawnSync('bash', ['-c', `kubectl() { printf '%s\\n' "$@"; }; ${line}`], { encoding: 'utf8' })
        .stdout.trimEnd()
        .split('\n');
    expect(replay(printed[7] as string)).toEqual([
      '--namespace',
      'da-ki',
      'patch',
      'service',
      'da-ki-server',
      '--type=merge',
      '-p',
      '{"spec":{"selector":{"app.kubernetes.io/color":"green"}}}',
    ]);
  });

  it('refuses a Service that selects no known colour, a missing or odd image, a bad timeout, changing nothing', () => {
    const state = cluster();
    (state as { service: string }).service = '';
    const odd = release(state);
    expect(odd.status).toBe(1);
    expect(odd.changes).toEqual([]);
    expect(odd.stderr).toContain("selects colour ''; expected blue or green");
    const none = release(cluster(), []);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('IMAGE is missing');
    expect(none.calls).toEqual([]);
    const quoted = release(cluster(), ['da-ki-server:1"|x']);
    expect(quoted.status).toBe(2);
    expect(quoted.stderr).toContain('is not an image reference');
    const help = release(cluster(), ['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(/^Usage: blue-green\.sh \[--dry-run\]/);
    expect(help.calls).toEqual([]);
    const unknownOption = release(cluster(), ['--force', NEW]);
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toContain('unknown option --force');
    const badTimeout = release(cluster(), ['--timeout', '5m', NEW]);
    expect(badTimeout.status).toBe(2);
    expect(badTimeout.stderr).toContain("--timeout must be whole seconds, got '5m'");
  });
});

describe('what the stand-in relies on', () => {
  it('the check Job passes on 2xx answers and fails on the first other one (run against a local server)', async () => {
    const job = parse(readFileSync(`${K8S_DIR}base/verify-job.yaml`, 'utf8')) as Manifest;
    const [command, ...options] = job.spec.template.spec.containers[0].command as string[];
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/down' ? 503 : 200;
      response.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const check = (...paths: string[]) =>
      execFileAsync(command as string, [...options, base, ...paths]).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    try {
      expect(await check('/ready', '/health')).toEqual({ code: 0, stdout: '/ready 200\n/health 200\n' });
      expect(await check('/ready', '/down', '/health')).toEqual({
        code: 1,
        stdout: '/ready 200\n/down 503\n',
      });
    } finally {
      server.close();
    }
  });

  it('the script reads the cluster with exactly the JSONPath queries the stand-in answers', () => {
    const script = readFileSync(SCRIPT, 'utf8');
    expect(script).toContain(`"jsonpath={.spec.selector.$COLOR_LABEL}"`);
    expect(script).toContain(`readonly COLOR_LABEL='app\\.kubernetes\\.io/color'`);
    expect(QUERIES.serviceColor).toBe('jsonpath={.spec.selector.app\\.kubernetes\\.io/color}');
    expect(script).toContain(`"${QUERIES.image?.replace('"CONTAINER"', '\\"$2\\"')}"`);
    expect(script).toContain(`'${QUERIES.replicas}'`);
    expect(script).toContain(`'${QUERIES.jobConditions}'`);
  });
});

// The queries through the real kubectl, on the manifests (`label --local` prints an object without a
// cluster): they give what the stand-in answers.
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

// Optional where the tool is missing, except where DAKI_REQUIRE_DEPLOY_TOOLS is set (the GitHub
// workflow, which installs both): there a missing kubectl fails the test.
describe.skipIf(!kubectl && !process.env.DAKI_REQUIRE_DEPLOY_TOOLS)(
  'the JSONPath queries, through kubectl',
  () => {
    const query = (file: string, jsonpath: string) => {
      const result = spawnSync('kubectl', ['label', '--local', '-f', file, 'checked=yes', '-o', jsonpath], {
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      return result.stdout;
    };

    it('read the live colour, a container image, the replicas and the true Job conditions', () => {
      expect(kubectl, 'kubectl is not installed').toBe(true);
      const service = join(scratch, 'service.yaml');
      writeFileSync(
        service,
        readFileSync(`${K8S_DIR}base/service.yaml`, 'utf8').split(/^---$/m)[0] as string,
      );
      expect(query(service, QUERIES.serviceColor as string)).toBe('blue');
      const blue = `${K8S_DIR}base/server-blue.yaml`;
      expect(query(blue, (QUERIES.image as string).replace('CONTAINER', 'server'))).toBe(
        'da-ki-server:0.1.0',
      );
      expect(query(blue, (QUERIES.image as string).replace('CONTAINER', 'worker'))).toBe('');
      expect(query(blue, QUERIES.replicas as string)).toBe('2');
      const job = join(scratch, 'job.yaml');
      const failed = parse(readFileSync(`${K8S_DIR}base/migration-job.yaml`, 'utf8')) as Manifest;
      failed.status = {
        conditions: [
          { type: 'FailureTarget', status: 'True' },
          { type: 'Failed', status: 'True' },
          { type: 'Suspended', status: 'False' },
        ],
      };
      writeFileSync(job, JSON.stringify(failed));
      expect(query(job, QUERIES.jobConditions as string)).toBe('FailureTarget Failed');
    });
  },
);

const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;

// Optional where the tool is missing, except where DAKI_REQUIRE_DEPLOY_TOOLS is set (the GitHub
// workflow, which installs both): there a missing shellcheck fails the test.
describe.skipIf(!shellcheck && !process.env.DAKI_REQUIRE_DEPLOY_TOOLS)('shellcheck', () => {
  it('finds nothing in blue-green.sh', () => {
    expect(shellcheck, 'shellcheck is not installed').toBe(true);
    const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', SCRIPT], {
      encoding: 'utf8',
    });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

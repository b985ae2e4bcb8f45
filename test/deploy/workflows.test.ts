import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT_DIR } from './paths.js';

/** A GitHub Actions expression, as written in a workflow. */
const gh = (expression: string) => `\${{ ${expression} }}`;

// The GitHub workflows: valid for GitHub's workflow schema (action-validator, the library and its
// command line), and doing what .ci/run and docs/deploy.md say they do.

const { validateWorkflow } = createRequire(import.meta.url)('@action-validator/core') as {
  validateWorkflow(src: string): { errors: unknown[] };
};
const WORKFLOWS = `${ROOT_DIR}.github/workflows/`;
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const text = (file: string) => readFileSync(`${WORKFLOWS}${file}`, 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: walking parsed workflows
type Node = any;
const ci: Node = parse(text('ci.yml'));
const release: Node = parse(text('release.yml'));
const runs = (job: Node): string => job.steps.map((s: Node) => s.run ?? '').join('\n');

const scratch = mkdtempSync(join(tmpdir(), 'da-ki-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('workflow schema', () => {
  it('there are the CI and the release workflow', () => {
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(files)('%s is valid (@action-validator/core)', (file) => {
    expect(validateWorkflow(text(file)).errors).toEqual([]);
  });

  it.each(files)('%s is valid (action-validator command line)', (file) => {
    const result = spawnSync(`${ROOT_DIR}node_modules/.bin/action-validator`, [`${WORKFLOWS}${file}`], {
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the validator does reject a broken workflow', () => {
    const broken = text('ci.yml').replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest');
    expect(validateWorkflow(broken).errors).not.toEqual([]);
    const path = join(scratch, 'broken.yml');
    writeFileSync(path, broken);
    expect(spawnSync(`${ROOT_DIR}node_modules/.bin/action-validator`, [path]).status).not.toBe(0);
  });
});

describe('ci.yml runs what .ci/run runs', () => {
  const job = ci.jobs.test;

  it('on every push and pull request', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('with PostgreSQL 15 and Redis 7 as health-checked services, reached through DATABASE_URL and REDIS_URL', () => {
    expect(job.services.postgres.image).toBe('postgres:15');
    expect(job.services.redis.image).toBe('redis:7');
    for (const service of ['postgres', 'redis'])
      expect(job.services[service].options).toMatch(/--health-cmd/);
    // The database and user .ci/run gives the tests, on the service's host.
    const ciRun = readFileSync(`${ROOT_DIR}.ci/run`, 'utf8');
    const local = ciRun.match(/DATABASE_URL:-(postgres:\/\/[^}"]+)/)?.[1] as string;
    expect(new URL(job.env.DATABASE_URL).username).toBe(new URL(local).username);
    expect(new URL(job.env.DATABASE_URL).pathname).toBe(new URL(local).pathname);
    expect(new URL(job.env.DATABASE_URL).hostname).toBe('postgres');
    expect(job.services.postgres.env.POSTGRES_DB).toBe(new URL(local).pathname.slice(1));
    expect(job.env.REDIS_URL).toBe('redis://redis:6379');
  });

  it('installs Chromium and the database binaries, caches npm, then the same npm commands as .ci/run', () => {
    expect(job.container).toBe('node:20-bookworm');
    expect(runs(job)).toMatch(/apt-get install [^\n]*\\\n\s+postgresql-15 redis-server chromium/);
    const setupNode = job.steps.find((s: Node) => String(s.uses).startsWith('actions/setup-node@'));
    expect(setupNode.with).toEqual({ 'node-version': 20, cache: 'npm' });
    const ciRun = readFileSync(`${ROOT_DIR}.ci/run`, 'utf8');
    // npm commands outside quoted messages.
    const npmCommands = (script: string) =>
      [...script.replace(/"[^"\n]*"/g, '').matchAll(/\bnpm (?:ci|install|test)\b[^;|\n]*/g)].map((m) =>
        m[0].trim(),
      );
    expect(npmCommands(runs(job))).toEqual(npmCommands(ciRun.slice(ciRun.indexOf('if ! npm ci'))));
    expect(runs(job).trim().split('\n').at(-1)).toBe('npm test');
  });
});

describe('release.yml', () => {
  it('runs after CI passes on main', () => {
    expect(release.on.workflow_run).toEqual({
      workflows: [ci.name],
      types: ['completed'],
      branches: ['main'],
    });
    expect(release.jobs.version.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(release.permissions).toEqual({});
  });

  it('versions with changesets, whose config versions the private server package too', () => {
    const step = release.jobs.version.steps.find((s: Node) =>
      String(s.uses).startsWith('changesets/action@'),
    );
    expect(step.with.version).toBe('npx changeset version');
    const config = JSON.parse(readFileSync(`${ROOT_DIR}.changeset/config.json`, 'utf8'));
    expect(config.ignore).not.toContain('@da-ki/nest-server');
    expect(config.privatePackages?.version ?? true).toBe(true);
    expect(release.jobs.images.needs).toBe('version');
    expect(release.jobs.images.if).toBe("needs.version.outputs.pending == 'false'");
  });

  it('builds and pushes both images with provenance, tagged by commit and by version', () => {
    const job = release.jobs.images;
    expect(job.permissions).toEqual({ contents: 'read', packages: 'write' });
    const meta = job.steps.find((s: Node) => String(s.uses).startsWith('docker/metadata-action@'));
    expect(meta.with.tags.trim().split('\n')).toEqual([
      'type=sha,format=long',
      `type=raw,value=${gh('steps.version.outputs.version')},enable=${gh('steps.version.outputs.released')}`,
    ]);
    expect(runs(job)).toContain("require('./examples/nest-server/package.json').version");
    const build = job.steps.find((s: Node) => String(s.uses).startsWith('docker/build-push-action@'));
    expect(build.with).toMatchObject({
      context: '.',
      push: true,
      provenance: 'mode=max',
      sbom: true,
      tags: gh('steps.meta.outputs.tags'),
    });
  });
});

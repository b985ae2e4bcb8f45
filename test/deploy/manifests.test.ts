import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../examples/nest-server/src/config/config.js';
import { type Manifest, parseImage, renderKustomization } from './kustomize.js';
import { DEPLOY_DIR, K8S_DIR, OVERLAYS, ROOT_DIR } from './paths.js';
import { schemaProblems } from './schemas.js';

/** A GitHub Actions expression, as written in a workflow. */
const gh = (expression: string) => `\${{ ${expression} }}`;

// The Kubernetes manifests, base and rendered overlays: valid against the Kubernetes schemas, and
// doing what docs/deploy.md says (blue and green behind one Service, probes, budgets, network
// policy, sync waves), with ports and image names that agree with the Dockerfile, compose and the
// server's own configuration.

function yamlFile(path: string): Manifest[] {
  return parseAllDocuments(readFileSync(path, 'utf8'), { merge: true })
    .map((doc) => {
      expect(doc.errors, path).toEqual([]);
      return doc.toJS() as Manifest;
    })
    .filter(Boolean);
}

const base = renderKustomization(`${K8S_DIR}base`);
const overlays = Object.fromEntries(
  OVERLAYS.map((name) => [name, renderKustomization(`${K8S_DIR}overlays/${name}`)]),
) as Record<(typeof OVERLAYS)[number], Manifest[]>;
const renderings: [string, Manifest[]][] = [['base', base], ...Object.entries(overlays)];

const get = (manifests: Manifest[], kind: string, name: string): Manifest => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const podSpec = (m: Manifest) => m.spec.template.spec;
const workloads = (manifests: Manifest[]) =>
  manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'Job');
/** Whether a label selector (matchLabels / matchExpressions with In) selects pods with `labels`. */
function selects(selector: Manifest['spec'], labels: Record<string, string>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every(
    (e: { key: string; operator: string; values: string[] }) =>
      e.operator === 'In' && e.values.includes(labels[e.key] as string),
  );
  return byLabels && byExpressions;
}

// The server's port as its configuration reads it: the default of PORT, from the config source.
const scratch = mkdtempSync(join(tmpdir(), 'da-ki-manifests-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const SERVER_PORT = loadConfig({
  NODE_ENV: 'test',
  DATA_DIR: scratch,
  JWT_SECRET: 'x'.repeat(32),
  ENCRYPTION_KEY: '0'.repeat(64),
}).port;
const VERSION = JSON.parse(readFileSync(`${ROOT_DIR}examples/nest-server/package.json`, 'utf8'))
  .version as string;

describe('Kubernetes schemas', () => {
  it.each(renderings)('every manifest of %s is valid', (_, manifests) => {
    expect(manifests.length).toBeGreaterThan(15);
    for (const manifest of manifests) expect(schemaProblems(manifest), manifest.metadata.name).toEqual([]);
  });

  it('the Secret template is valid, and the schema check does reject broken manifests', () => {
    expect(yamlFile(`${K8S_DIR}secret.example.yaml`).flatMap(schemaProblems)).toEqual([]);
    const broken = structuredClone(get(base, 'Deployment', 'da-ki-server-blue'));
    podSpec(broken).containers[0].ports[0].containerPort = 'http';
    expect(schemaProblems(broken).join()).toMatch(/containerPort must be integer/);
    delete broken.spec.selector;
    expect(schemaProblems(broken).join()).toMatch(/required property '?selector/);
    expect(schemaProblems({ ...broken, apiVersion: 'apps/v1beta9' })).toEqual([
      'no Kubernetes schema for apps/v1beta9 Deployment',
    ]);
  });
});

describe('blue and green', () => {
  const raw = (colour: string) => yamlFile(`${K8S_DIR}base/server-${colour}.yaml`)[0] as Manifest;

  it('the two Deployments are the same but for the colour and the replicas', () => {
    const blue = raw('blue');
    const green = raw('green');
    expect(blue.spec.replicas).toBeGreaterThan(0);
    expect(green.spec.replicas).toBe(0);
    expect({ ...green, spec: { ...green.spec, replicas: blue.spec.replicas } }).toEqual(
      JSON.parse(JSON.stringify(blue).replaceAll('blue', 'green')),
    );
  });

  it.each(renderings)(
    '%s: one Service sends traffic to the live colour, which runs; the idle one is at 0',
    (_, m) => {
      const service = get(m, 'Service', 'da-ki-server');
      const live = service.spec.selector['app.kubernetes.io/color'] as string;
      expect(['blue', 'green']).toContain(live);
      const idle = live === 'blue' ? 'green' : 'blue';
      expect(get(m, 'Deployment', `da-ki-server-${live}`).spec.replicas).toBeGreaterThan(0);
      expect(get(m, 'Deployment', `da-ki-server-${idle}`).spec.replicas).toBe(0);
      for (const colour of ['blue', 'green']) {
        const deployment = get(m, 'Deployment', `da-ki-server-${colour}`);
        const labels = deployment.spec.template.metadata.labels;
        expect(labels).toMatchObject({
          'app.kubernetes.io/name': 'da-ki-server',
          'app.kubernetes.io/color': colour,
        });
        expect(selects(deployment.spec.selector, labels)).toBe(true);
        // The selector of one colour never picks the other's pods, nor does its preview Service.
        const other = { ...labels, 'app.kubernetes.io/color': colour === 'blue' ? 'green' : 'blue' };
        expect(selects(deployment.spec.selector, other)).toBe(false);
        expect(
          selects({ matchLabels: get(m, 'Service', `da-ki-server-${colour}`).spec.selector }, labels),
        ).toBe(true);
        expect(
          selects({ matchLabels: get(m, 'Service', `da-ki-server-${colour}`).spec.selector }, other),
        ).toBe(false);
        expect(get(m, 'HorizontalPodAutoscaler', `da-ki-server-${colour}`).spec.scaleTargetRef).toEqual({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: `da-ki-server-${colour}`,
        });
      }
    },
  );

  it.each(renderings)('%s: the API probes /ready and /health on the server port', (_, m) => {
    for (const colour of ['blue', 'green']) {
      const container = podSpec(get(m, 'Deployment', `da-ki-server-${colour}`)).containers[0];
      expect(container.ports).toEqual([{ name: 'http', containerPort: SERVER_PORT, protocol: 'TCP' }]);
      expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    }
    for (const service of m.filter((x) => x.kind === 'Service')) {
      expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    }
  });
});

describe('resources, budgets, network policy', () => {
  it.each(renderings)('%s: every container has CPU and memory requests and limits', (_, m) => {
    for (const workload of workloads(m)) {
      for (const container of podSpec(workload).containers) {
        for (const kind of ['requests', 'limits']) {
          expect(
            Object.keys(container.resources?.[kind] ?? {}).sort(),
            `${workload.metadata.name} ${kind}`,
          ).toEqual(['cpu', 'memory']);
        }
      }
    }
  });

  it.each(renderings)('%s: a PodDisruptionBudget covers each colour and the worker', (_, m) => {
    const budgets = m.filter((x) => x.kind === 'PodDisruptionBudget');
    for (const name of ['da-ki-server-blue', 'da-ki-server-green', 'da-ki-worker']) {
      const labels = get(m, 'Deployment', name).spec.template.metadata.labels;
      const covering = budgets.filter((b) => selects(b.spec.selector, labels));
      expect(covering.map((b) => b.metadata.name)).toEqual([name]);
      expect(covering[0]?.spec.maxUnavailable).toBe(1);
    }
  });

  it.each(renderings)(
    '%s: the API may reach PostgreSQL, Redis and DNS only, and be reached on its port only',
    (_, m) => {
      const policy = get(m, 'NetworkPolicy', 'da-ki-server');
      for (const colour of ['blue', 'green']) {
        expect(
          selects(
            policy.spec.podSelector,
            get(m, 'Deployment', `da-ki-server-${colour}`).spec.template.metadata.labels,
          ),
        ).toBe(true);
      }
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      expect(policy.spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 'http' }] }]);
      const egress = policy.spec.egress.map((rule: Manifest['spec']) => ({
        to: rule.to.map((peer: Manifest['spec']) => peer.podSelector.matchLabels),
        ports: rule.ports.map((p: { protocol: string; port: number }) => `${p.port}/${p.protocol}`),
      }));
      expect(egress).toEqual([
        { to: [{ 'app.kubernetes.io/name': 'postgresql' }], ports: ['5432/TCP'] },
        { to: [{ 'app.kubernetes.io/name': 'redis' }], ports: ['6379/TCP'] },
        { to: [{ 'k8s-app': 'kube-dns' }], ports: ['53/UDP', '53/TCP'] },
      ]);
      // The worker and the migration Job: the same egress, no ingress.
      const backend = get(m, 'NetworkPolicy', 'da-ki-backend');
      for (const name of ['da-ki-worker', 'da-ki-migrate']) {
        const workload = m.find(
          (x) => x.metadata.name === name && (x.kind === 'Deployment' || x.kind === 'Job'),
        );
        expect(selects(backend.spec.podSelector, workload?.spec.template.metadata.labels)).toBe(true);
      }
      expect(backend.spec.ingress).toEqual([]);
      expect(backend.spec.egress).toEqual(policy.spec.egress);
      // The check Job (smoke test, /health after a switch) is under no policy: it may call the
      // Services, which API pods may not.
      const verify = get(m, 'Job', 'da-ki-verify');
      for (const p of m.filter((x) => x.kind === 'NetworkPolicy')) {
        expect(selects(p.spec.podSelector, verify.spec.template.metadata.labels)).toBe(false);
      }
      expect(podSpec(verify).containers[0].args).toEqual(['http://da-ki-server', '/health', '/ready']);
    },
  );

  it.each(renderings)('%s: server, worker and migration read the same ConfigMap and Secret', (_, m) => {
    const expected = [{ configMapRef: { name: 'da-ki-server' } }, { secretRef: { name: 'da-ki-server' } }];
    for (const name of ['da-ki-server-blue', 'da-ki-server-green', 'da-ki-worker', 'da-ki-migrate']) {
      const workload = m.find(
        (x) => x.metadata.name === name && (x.kind === 'Deployment' || x.kind === 'Job'),
      );
      expect(podSpec(workload as Manifest).containers[0].envFrom, name).toEqual(expected);
    }
    expect(get(m, 'ConfigMap', 'da-ki-server').data.PORT).toBe(String(SERVER_PORT));
  });
});

describe('Argo CD sync waves', () => {
  const wave = (m: Manifest) => Number(m.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
  const hook = (m: Manifest) => m.metadata.annotations?.['argocd.argoproj.io/hook'];

  it.each(renderings)(
    '%s: migrate, then the Deployments, then the Service; verify after the sync',
    (_, m) => {
      const migrate = get(m, 'Job', 'da-ki-migrate');
      expect(hook(migrate)).toBe('Sync');
      expect(migrate.metadata.annotations?.['argocd.argoproj.io/hook-delete-policy']).toBe(
        'BeforeHookCreation',
      );
      const deployments = m.filter((x) => x.kind === 'Deployment');
      const liveService = get(m, 'Service', 'da-ki-server');
      for (const d of deployments) {
        expect(wave(migrate), d.metadata.name).toBeLessThan(wave(d));
        expect(wave(d), d.metadata.name).toBeLessThan(wave(liveService));
      }
      for (const kind of ['ConfigMap', 'NetworkPolicy', 'PodDisruptionBudget']) {
        for (const x of m.filter((y) => y.kind === kind))
          expect(wave(x), x.metadata.name).toBeLessThan(wave(migrate));
      }
      expect(hook(get(m, 'Job', 'da-ki-verify'))).toBe('PostSync');
      // Every resource but the hooks has its wave written down; the namespace comes first.
      for (const x of m.filter((y) => y.kind === 'Namespace')) {
        expect(Math.min(...m.filter((y) => !hook(y)).map(wave))).toBe(wave(x));
        expect(m.filter((y) => !hook(y) && wave(y) === wave(x))).toEqual([x]);
      }
      for (const x of m.filter((y) => !hook(y))) {
        expect(
          x.metadata.annotations?.['argocd.argoproj.io/sync-wave'],
          `${x.kind} ${x.metadata.name}`,
        ).toBeDefined();
      }
    },
  );
});

describe('overlays', () => {
  it.each(OVERLAYS)('%s: one namespace for everything, images from the release registry', (name) => {
    const m = overlays[name];
    const kustomization = yamlFile(`${K8S_DIR}overlays/${name}/kustomization.yaml`)[0] as Manifest;
    const namespace = kustomization.namespace as string;
    expect(m.filter((x) => x.kind === 'Namespace').map((x) => x.metadata.name)).toEqual([namespace]);
    for (const x of m.filter((y) => y.kind !== 'Namespace')) expect(x.metadata.namespace).toBe(namespace);
    const registry = (kustomization.images as { name: string; newName: string }[]).map((i) => ({
      name: i.name,
      repository: i.newName,
    }));
    expect(registry.map((r) => `${r.repository.replace(/.*\//, '')}`)).toEqual([
      'da-ki-server',
      'da-ki-worker',
    ]);
    for (const workload of workloads(m)) {
      for (const container of podSpec(workload).containers) {
        const image = parseImage(container.image);
        const expected = container.name === 'worker' ? registry[1] : registry[0];
        expect(image.name, `${workload.metadata.name}/${container.name}`).toBe(expected?.repository);
        expect(image.suffix).toMatch(/^:\d+\.\d+\.\d+/);
      }
    }
  });

  it('production runs more than staging', () => {
    const replicas = (name: (typeof OVERLAYS)[number], deployment: string) =>
      get(overlays[name], 'Deployment', deployment).spec.replicas as number;
    const live = (name: (typeof OVERLAYS)[number]) =>
      `da-ki-server-${get(overlays[name], 'Service', 'da-ki-server').spec.selector['app.kubernetes.io/color']}`;
    expect(replicas('production', live('production'))).toBeGreaterThan(replicas('staging', live('staging')));
    expect(replicas('production', 'da-ki-worker')).toBeGreaterThan(replicas('staging', 'da-ki-worker'));
  });
});

describe('ports and image names agree everywhere', () => {
  const dockerfile = readFileSync(`${DEPLOY_DIR}Dockerfile`, 'utf8');
  const stages = dockerfile.split(/^(?=FROM )/m).slice(1);
  const stage = (name: string) =>
    stages.find((s) => s.startsWith('FROM ') && s.split('\n')[0]?.endsWith(` AS ${name}`)) as string;
  const compose = yamlFile(`${DEPLOY_DIR}docker-compose.yml`)[0] as Manifest;

  it(`the server listens on ${SERVER_PORT} in the Dockerfile, compose, Kubernetes and Prometheus`, () => {
    expect(SERVER_PORT).toBe(3000);
    const runtime = stage('runtime');
    expect(runtime).toMatch(new RegExp(`^EXPOSE ${SERVER_PORT}$`, 'm'));
    expect(runtime).toMatch(new RegExp(`PORT=${SERVER_PORT}\\b`));
    expect(runtime).toContain(`(process.env.PORT || ${SERVER_PORT})`);
    expect(compose.services.server.environment.PORT).toBe(String(SERVER_PORT));
    expect(compose.services.server.ports).toEqual([`${SERVER_PORT}:${SERVER_PORT}`]);
    expect(compose.services.server.healthcheck.test.join(' ')).toContain(`127.0.0.1:${SERVER_PORT}/ready`);
    const prometheus = yamlFile(`${DEPLOY_DIR}prometheus/prometheus.yml`)[0] as Manifest;
    expect(prometheus.scrape_configs[0].static_configs[0].targets).toEqual([`server:${SERVER_PORT}`]);
    const blue = get(base, 'Deployment', 'da-ki-server-blue');
    expect(blue.spec.template.metadata.annotations['prometheus.io/port']).toBe(String(SERVER_PORT));
    expect(podSpec(blue).containers[0].ports[0].containerPort).toBe(SERVER_PORT);
  });

  it(`images are da-ki-server and da-ki-worker, version ${VERSION}, built from the runtime and worker stages`, () => {
    expect(stages.at(-1)).toMatch(/^FROM node:20-slim AS runtime$/m);
    expect(stage('runtime')).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(stage('worker')).toMatch(/^CMD \["node", "dist\/worker\.js"\]$/m);
    expect(dockerfile).toContain(`-t da-ki-server:${VERSION} .`);
    expect(dockerfile).toContain(`--target worker -t da-ki-worker:${VERSION} .`);
    expect(compose.services.server.image).toBe(`da-ki-server:${VERSION}`);
    expect(compose.services.worker.image).toBe(`da-ki-worker:${VERSION}`);
    expect(compose.services.worker.build.target).toBe('worker');
    const images = Object.fromEntries(
      workloads(base).flatMap((w) =>
        podSpec(w).containers.map((c: { image: string }) => [w.metadata.name, c.image]),
      ),
    );
    expect(images).toEqual({
      'da-ki-migrate': `da-ki-server:${VERSION}`,
      'da-ki-verify': `da-ki-server:${VERSION}`,
      'da-ki-server-blue': `da-ki-server:${VERSION}`,
      'da-ki-server-green': `da-ki-server:${VERSION}`,
      'da-ki-worker': `da-ki-worker:${VERSION}`,
    });
  });

  it('the release workflow pushes those two images from those two stages, to the registry of the overlays', () => {
    const workflow = yamlFile(`${ROOT_DIR}.github/workflows/release.yml`)[0] as Manifest;
    const builds = Object.values(workflow.jobs as Record<string, Manifest>)
      .flatMap((job) => job.steps as Manifest[])
      .filter((step) => String(step.uses).startsWith('docker/build-push-action@'));
    const matrix = (workflow.jobs.images as Manifest).strategy.matrix.include as {
      image: string;
      target: string;
    }[];
    expect(matrix).toEqual([
      { image: 'da-ki-server', target: 'runtime' },
      { image: 'da-ki-worker', target: 'worker' },
    ]);
    expect(builds).toHaveLength(1);
    expect(builds[0]?.with.file).toBe('examples/nest-server/deploy/Dockerfile');
    expect(builds[0]?.with.target).toBe(gh('matrix.target'));
    const kustomization = yamlFile(`${K8S_DIR}overlays/production/kustomization.yaml`)[0] as Manifest;
    const owner = (kustomization.images[0].newName as string).split('/')[1];
    expect(kustomization.images[0].newName).toBe(`ghcr.io/${owner}/da-ki-server`);
    expect(JSON.stringify(workflow)).toContain(
      `ghcr.io/${gh('github.repository_owner')}/${gh('matrix.image')}`,
    );
  });
});

describe('Argo CD', () => {
  const argocd = readdirSync(`${DEPLOY_DIR}argocd`).flatMap((file) =>
    yamlFile(`${DEPLOY_DIR}argocd/${file}`),
  );
  const appSet = argocd.find((m) => m.kind === 'ApplicationSet') as Manifest;
  const project = argocd.find((m) => m.kind === 'AppProject') as Manifest;

  it('an ApplicationSet makes one Application per overlay, in the project that allows exactly those', () => {
    expect(argocd.map((m) => `${m.apiVersion} ${m.kind}`).sort()).toEqual([
      'argoproj.io/v1alpha1 AppProject',
      'argoproj.io/v1alpha1 ApplicationSet',
    ]);
    for (const m of argocd) expect(m.metadata.namespace).toBe('argocd');
    const elements = appSet.spec.generators[0].list.elements as {
      env: string;
      namespace: string;
      autoSync: boolean;
    }[];
    expect(elements.map((e) => e.env)).toEqual([...OVERLAYS]);
    const template = appSet.spec.template.spec;
    expect(template.project).toBe(project.metadata.name);
    expect(project.spec.sourceRepos).toEqual([template.source.repoURL]);
    for (const element of elements) {
      // The overlay the Application points at exists, and deploys into the namespace it is given.
      const path = template.source.path.replace('{{.env}}', element.env);
      const kustomization = yamlFile(`${ROOT_DIR}${path}/kustomization.yaml`)[0] as Manifest;
      expect(kustomization.namespace).toBe(element.namespace);
      expect(template.destination.namespace.replace('{{.namespace}}', element.namespace)).toBe(
        element.namespace,
      );
      expect(project.spec.destinations).toContainEqual({
        server: template.destination.server,
        namespace: element.namespace,
      });
    }
    // The registry owner of the images is the owner of the repository Argo CD reads.
    const owner = new URL(template.source.repoURL).pathname.split('/')[1];
    const kustomization = yamlFile(`${K8S_DIR}overlays/production/kustomization.yaml`)[0] as Manifest;
    expect(kustomization.images[0].newName).toBe(`ghcr.io/${owner}/da-ki-server`);
  });

  it('syncs staging by itself and production on request, never reverting a hand-made switch', () => {
    const elements = appSet.spec.generators[0].list.elements as { env: string; autoSync: boolean }[];
    expect(Object.fromEntries(elements.map((e) => [e.env, e.autoSync]))).toEqual({
      staging: true,
      production: false,
    });
    expect(appSet.spec.goTemplate).toBe(true);
    const patch = appSet.spec.templatePatch as string;
    expect(patch).toMatch(/\{\{- if \.autoSync \}\}/);
    expect(patch).toMatch(/selfHeal: false/);
    expect(appSet.spec.template.spec.ignoreDifferences).toEqual([
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
    ]);
  });
});

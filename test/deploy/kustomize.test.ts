import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  KustomizeSubsetError,
  type Manifest,
  parseImage,
  renderKustomization,
  resourceId,
} from './kustomize.js';
import { K8S_DIR, OVERLAYS } from './paths.js';

// The renderer against kustomize itself (kubectl's, v5 here and on GitHub's runners): wherever kubectl
// is installed, every rendering in this file is compared with `kubectl kustomize` of the same folder.
const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

const byId = (manifests: Manifest[]) =>
  Object.fromEntries(manifests.map((manifest) => [resourceId(manifest), manifest]));

/** render(dir), checked against kubectl kustomize when kubectl is there. */
function render(dir: string): Manifest[] {
  const rendered = renderKustomization(dir);
  if (kubectl) {
    const reference = parseAllDocuments(
      execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }),
    ).map((doc) => doc.toJS() as Manifest);
    expect(byId(rendered)).toEqual(byId(reference));
  }
  return rendered;
}

const scratch = mkdtempSync(join(tmpdir(), 'da-ki-kustomize-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let cases = 0;
/** A kustomization tree in a fresh folder: `files` maps relative paths to their text. */
function tree(files: Record<string, string>): string {
  const dir = join(scratch, `case-${++cases}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      initContainers:
        - name: init
          image: registry.local:5000/tools/init:1
      containers:
        - name: web
          image: web:1.0
          env:
            - { name: A, value: "1" }
            - { name: B, value: "2" }
        - name: sidecar
          image: proxy@sha256:abc
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web, color: blue }
  ports: [{ port: 80 }]
`;
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n';

const find = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find((m) => m.kind === kind && m.metadata.name === name) as Manifest;

describe('renderKustomization: the supported subset', () => {
  it('reads file and directory resources, multi-document files included, in order', () => {
    const dir = tree({
      'base/kustomization.yaml': 'resources: [app.yaml]\n',
      'base/app.yaml': `${DEPLOYMENT}---\n${SERVICE}`,
      'overlay/kustomization.yaml': 'resources: [ns.yaml, ../base]\n',
      'overlay/ns.yaml': NAMESPACE,
    });
    expect(render(join(dir, 'overlay')).map(resourceId)).toEqual([
      'Namespace/shop',
      'Deployment/web',
      'Service/web',
    ]);
  });

  it('sets the namespace on namespaced resources only, and labels on metadata only', () => {
    const dir = tree({
      'kustomization.yaml':
        'namespace: shop\nlabels:\n  - pairs: { team: a }\nresources: [ns.yaml, app.yaml]\n',
      'ns.yaml': NAMESPACE,
      'app.yaml': DEPLOYMENT,
    });
    const [ns, deployment] = render(dir) as [Manifest, Manifest];
    expect(ns.metadata).toEqual({ name: 'shop', labels: { team: 'a' } });
    expect(deployment.metadata).toEqual({
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web', team: 'a' },
    });
    expect(deployment.spec.selector.matchLabels).toEqual({ app: 'web' });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'web' });
  });

  it('merges strategic-merge patches: maps by key, containers and env by name, null deletes', () => {
    const dir = tree({
      'kustomization.yaml': 'resources: [app.yaml]\npatches:\n  - path: patch.yaml\n',
      'app.yaml': `${DEPLOYMENT}---\n${SERVICE}`,
      'patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, annotations: { note: patched } }
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          image: web:2.0
          env: [{ name: B, value: "20" }]
        - name: sidecar
          args: [--verbose]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { color: green }
  ports: null
`,
    });
    const manifests = render(dir);
    const deployment = find(manifests, 'Deployment', 'web');
    expect(deployment.metadata.annotations).toEqual({ note: 'patched' });
    expect(deployment.spec.replicas).toBe(3);
    const [web, sidecar] = deployment.spec.template.spec.containers;
    // Patched items first, in the patch's order; then the others, in their order.
    expect(web).toEqual({
      name: 'web',
      image: 'web:2.0',
      env: [
        { name: 'B', value: '20' },
        { name: 'A', value: '1' },
      ],
    });
    expect(sidecar).toEqual({ name: 'sidecar', image: 'proxy@sha256:abc', args: ['--verbose'] });
    expect(find(manifests, 'Service', 'web').spec).toEqual({ selector: { app: 'web', color: 'green' } });
  });

  it('applies JSON 6902 patches to the resources of their target', () => {
    const dir = tree({
      'kustomization.yaml': `resources: [app.yaml]
patches:
  - target: { kind: Deployment, name: web }
    patch: |-
      - { op: test, path: /spec/replicas, value: 1 }
      - { op: replace, path: /spec/replicas, value: 4 }
      - { op: add, path: /spec/template/spec/containers/0/env/-, value: { name: C, value: "3" } }
      - { op: remove, path: /spec/template/spec/containers/1 }
      - { op: add, path: /metadata/labels/tier, value: front }
`,
      'app.yaml': `${DEPLOYMENT}---\n${SERVICE}`,
    });
    const manifests = render(dir);
    const deployment = find(manifests, 'Deployment', 'web');
    expect(deployment.spec.replicas).toBe(4);
    expect(deployment.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(deployment.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['web']);
    expect(deployment.spec.template.spec.containers[0].env.at(-1)).toEqual({ name: 'C', value: '3' });
    expect(find(manifests, 'Service', 'web').metadata.labels).toBeUndefined();
  });

  it('sets replicas by name, and image names, tags and digests on containers and init containers', () => {
    const dir = tree({
      'kustomization.yaml': `resources: [app.yaml]
replicas: [{ name: web, count: 5 }]
images:
  - { name: web, newName: ghcr.io/acme/web, newTag: "2.1" }
  - { name: registry.local:5000/tools/init, newTag: "7" }
  - { name: proxy, newName: mirror/proxy }
`,
      'app.yaml': DEPLOYMENT,
    });
    const deployment = find(render(dir), 'Deployment', 'web');
    expect(deployment.spec.replicas).toBe(5);
    expect(deployment.spec.template.spec.containers.map((c: { image: string }) => c.image)).toEqual([
      'ghcr.io/acme/web:2.1',
      'mirror/proxy@sha256:abc',
    ]);
    expect(deployment.spec.template.spec.initContainers[0].image).toBe('registry.local:5000/tools/init:7');
  });

  it('parses image references with registry ports, tags and digests', () => {
    expect(parseImage('web')).toEqual({ name: 'web', suffix: '' });
    expect(parseImage('host:5000/a/web:1.2')).toEqual({ name: 'host:5000/a/web', suffix: ':1.2' });
    expect(parseImage('host:5000/web')).toEqual({ name: 'host:5000/web', suffix: '' });
    expect(parseImage('web:1@sha256:ff')).toEqual({ name: 'web', suffix: ':1@sha256:ff' });
  });
});

describe('renderKustomization: refusals name the file and the field', () => {
  const refusal = (files: Record<string, string>) => {
    try {
      renderKustomization(tree(files));
    } catch (error) {
      expect(error).toBeInstanceOf(KustomizeSubsetError);
      return (error as Error).message;
    }
    throw new Error('rendered without a refusal');
  };

  it.each([
    [
      'an unsupported field',
      { 'kustomization.yaml': 'resources: [a.yaml]\nnamePrefix: x-\n', 'a.yaml': SERVICE },
      /"namePrefix" is outside/,
    ],
    [
      'a missing resource',
      { 'kustomization.yaml': 'resources: [missing.yaml]\n' },
      /missing\.yaml does not exist/,
    ],
    [
      'a duplicate resource',
      { 'kustomization.yaml': 'resources: [a.yaml, b.yaml]\n', 'a.yaml': SERVICE, 'b.yaml': SERVICE },
      /Service\/web is defined twice/,
    ],
    [
      'a patch of nothing',
      {
        'kustomization.yaml': 'resources: [a.yaml]\npatches: [{ path: p.yaml }]\n',
        'a.yaml': SERVICE,
        'p.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: other }\n',
      },
      /no resource Service\/other/,
    ],
    [
      'a JSON patch without target',
      {
        'kustomization.yaml': 'resources: [a.yaml]\npatches:\n  - patch: "[{op: remove, path: /spec}]"\n',
        'a.yaml': SERVICE,
      },
      /needs a target/,
    ],
    [
      'a JSON patch of a missing path',
      {
        'kustomization.yaml':
          'resources: [a.yaml]\npatches:\n  - target: { kind: Service }\n    patch: "[{op: replace, path: /spec/nothing, value: 1}]"\n',
        'a.yaml': SERVICE,
      },
      /\/spec\/nothing: no such path in Service\/web/,
    ],
    [
      'a label selector target',
      {
        'kustomization.yaml':
          'resources: [a.yaml]\npatches:\n  - target: { labelSelector: a=b }\n    patch: "[]"\n',
        'a.yaml': SERVICE,
      },
      /target\.labelSelector is outside/,
    ],
    [
      'labels on selectors',
      {
        'kustomization.yaml': 'resources: [a.yaml]\nlabels: [{ pairs: { a: b }, includeSelectors: true }]\n',
        'a.yaml': SERVICE,
      },
      /labels\[0\]\.includeSelectors is outside/,
    ],
    [
      'a new list item in a strategic patch',
      {
        'kustomization.yaml': 'resources: [a.yaml]\npatches: [{ path: p.yaml }]\n',
        'a.yaml': DEPLOYMENT,
        'p.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { template: { spec: { containers: [{ name: extra, image: x }] } } }\n',
      },
      /may only change existing items/,
    ],
    [
      'a list merged by another key',
      {
        'kustomization.yaml': 'resources: [a.yaml]\npatches: [{ path: p.yaml }]\n',
        'a.yaml': SERVICE,
        'p.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 81 }] }\n',
      },
      /\/spec\/ports: merging this list is outside/,
    ],
    [
      'replicas of nothing',
      {
        'kustomization.yaml': 'resources: [a.yaml]\nreplicas: [{ name: api, count: 2 }]\n',
        'a.yaml': DEPLOYMENT,
      },
      /no Deployment api/,
    ],
  ])('%s', (_, files, message) => {
    expect(refusal(files)).toMatch(message);
  });
});

// Optional where the tool is missing, except where DAKI_REQUIRE_DEPLOY_TOOLS is set (the GitHub
// workflow, which installs both): there a missing kubectl fails the test.
describe.skipIf(!kubectl && !process.env.DAKI_REQUIRE_DEPLOY_TOOLS)(
  'the renderer renders the deploy manifests as kubectl kustomize does',
  () => {
    it.each(['base', ...OVERLAYS.map((o) => `overlays/${o}`)])('%s', (path) => {
      expect(kubectl, 'kubectl is not installed').toBe(true);
      expect(render(`${K8S_DIR}${path}`).length).toBeGreaterThan(10);
    });
  },
);

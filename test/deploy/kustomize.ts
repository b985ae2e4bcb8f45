import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

// An offline renderer for the subset of kustomize that examples/nest-server/deploy/k8s uses, so
// that `npm test` can check the rendered overlays without a kustomize binary. Anything outside the
// subset is refused with a KustomizeSubsetError naming the file and the field, never ignored: a
// manifest this renderer accepts renders as `kubectl kustomize` renders it (kustomize.test.ts
// compares the two wherever kubectl is installed). The subset (docs/deploy.md):
//   resources   files (one or more YAML documents) and directories holding a kustomization.yaml
//   namespace   set on every namespaced resource
//   labels      `pairs` added to metadata.labels (not to selectors or pod templates)
//   patches     strategic-merge patches (one or more documents, found by kind and name) and
//               JSON 6902 patches (add, remove, replace, test) with a target of kind and/or name;
//               inline (`patch`) or from a file (`path`)
//   replicas    name + count, for Deployments
//   images      name + newName / newTag / digest, on containers and init containers
// Transformers run in kustomize's order: patches, namespace, labels, replicas, images.

/** A Kubernetes object as parsed from YAML. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are arbitrary nested YAML
  [field: string]: any;
}

/** A kustomization, or a file it names, uses something outside the supported subset (or is broken). */
export class KustomizeSubsetError extends Error {
  override name = 'KustomizeSubsetError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const KNOWN_KEYS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'labels',
  'patches',
  'replicas',
  'images',
]);
/** Kinds without a namespace, among those a kustomization here may hold. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
]);
/** Lists a strategic-merge patch merges item by item, by their `name`; other lists of objects are refused. */
const MERGED_BY_NAME = new Set(['containers', 'initContainers', 'env', 'volumes']);

/** `kind/name` or `kind/namespace/name`: how kustomize tells resources apart. */
export function resourceId(manifest: Manifest): string {
  const { namespace, name } = manifest.metadata;
  return namespace ? `${manifest.kind}/${namespace}/${name}` : `${manifest.kind}/${name}`;
}

/** Renders the kustomization in `dir` (and the bases it names) into a list of manifests. */
export function renderKustomization(dir: string): Manifest[] {
  const file = kustomizationFile(dir);
  const [kustomization] = readDocuments(file);
  if (!isObject(kustomization)) throw new KustomizeSubsetError(file, 'is not a YAML mapping');
  for (const key of Object.keys(kustomization)) {
    if (!KNOWN_KEYS.has(key))
      throw new KustomizeSubsetError(file, `"${key}" is outside the supported subset`);
  }
  if (kustomization.kind !== undefined && kustomization.kind !== 'Kustomization') {
    throw new KustomizeSubsetError(file, `kind must be Kustomization, not ${String(kustomization.kind)}`);
  }

  let manifests: Manifest[] = [];
  for (const entry of listOf(file, kustomization, 'resources')) {
    if (typeof entry !== 'string') throw new KustomizeSubsetError(file, 'resources: entries must be paths');
    const path = resolve(dir, entry);
    if (!existsSync(path)) throw new KustomizeSubsetError(file, `resources: ${entry} does not exist`);
    manifests.push(...(statSync(path).isDirectory() ? renderKustomization(path) : readManifests(path)));
  }
  refuseDuplicates(file, manifests);

  for (const [index, patch] of listOf(file, kustomization, 'patches').entries()) {
    manifests = applyPatch(file, dir, `patches[${index}]`, patch, manifests);
  }
  if (kustomization.namespace !== undefined) {
    const namespace = stringField(file, 'namespace', kustomization.namespace);
    for (const m of manifests) if (!CLUSTER_SCOPED.has(m.kind)) m.metadata.namespace = namespace;
  }
  for (const [index, entry] of listOf(file, kustomization, 'labels').entries()) {
    addLabels(file, `labels[${index}]`, entry, manifests);
  }
  for (const [index, entry] of listOf(file, kustomization, 'replicas').entries()) {
    setReplicas(file, `replicas[${index}]`, entry, manifests);
  }
  for (const [index, entry] of listOf(file, kustomization, 'images').entries()) {
    setImages(file, `images[${index}]`, entry, manifests);
  }
  return manifests;
}

function kustomizationFile(dir: string): string {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new KustomizeSubsetError(dir, 'no kustomization.yaml in this directory');
}

function readDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new KustomizeSubsetError(file, doc.errors[0]?.message ?? 'invalid YAML');
    return doc.toJS();
  });
}

function readManifests(file: string): Manifest[] {
  return readDocuments(file)
    .filter((doc) => doc !== null && doc !== undefined)
    .map((doc, index) => {
      if (!isObject(doc) || typeof doc.kind !== 'string' || typeof doc.apiVersion !== 'string') {
        throw new KustomizeSubsetError(
          file,
          `document ${index + 1} is not a Kubernetes object (apiVersion, kind)`,
        );
      }
      if (!isObject(doc.metadata) || typeof doc.metadata.name !== 'string') {
        throw new KustomizeSubsetError(file, `document ${index + 1} (${doc.kind}) has no metadata.name`);
      }
      return doc as Manifest;
    });
}

function refuseDuplicates(file: string, manifests: Manifest[]): void {
  const seen = new Set<string>();
  for (const m of manifests) {
    const id = resourceId(m);
    if (seen.has(id)) throw new KustomizeSubsetError(file, `resources: ${id} is defined twice`);
    seen.add(id);
  }
}

// ---- patches -------------------------------------------------------------------------------------

interface Target {
  kind?: string;
  name?: string;
}

function applyPatch(
  file: string,
  dir: string,
  where: string,
  entry: unknown,
  manifests: Manifest[],
): Manifest[] {
  if (!isObject(entry)) throw new KustomizeSubsetError(file, `${where} must be a mapping`);
  for (const key of Object.keys(entry)) {
    if (!['path', 'patch', 'target'].includes(key)) {
      throw new KustomizeSubsetError(file, `${where}.${key} is outside the supported subset`);
    }
  }
  if ((entry.path === undefined) === (entry.patch === undefined)) {
    throw new KustomizeSubsetError(file, `${where} needs exactly one of path and patch`);
  }
  const source =
    entry.path !== undefined ? resolve(dir, stringField(file, `${where}.path`, entry.path)) : file;
  const text =
    entry.path !== undefined
      ? readFileSync(source, 'utf8')
      : stringField(file, `${where}.patch`, entry.patch);
  const documents = parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0)
      throw new KustomizeSubsetError(source, doc.errors[0]?.message ?? 'invalid YAML');
    return doc.toJS() as unknown;
  });
  const target = entry.target === undefined ? undefined : parseTarget(file, `${where}.target`, entry.target);

  if (documents.length === 1 && Array.isArray(documents[0])) {
    if (!target) throw new KustomizeSubsetError(file, `${where}: a JSON 6902 patch needs a target`);
    const matches = manifests.filter((m) => matchesTarget(m, target));
    if (matches.length === 0) throw new KustomizeSubsetError(file, `${where}: the target matches nothing`);
    return manifests.map((m) =>
      matches.includes(m) ? applyJsonPatch(source, documents[0] as unknown[], m) : m,
    );
  }
  let result = manifests;
  for (const patch of documents.filter((doc) => doc !== null && doc !== undefined)) {
    if (!isObject(patch)) throw new KustomizeSubsetError(source, 'a strategic-merge patch must be a mapping');
    const patchTarget = target ?? {
      kind: patch.kind as string,
      name: (patch.metadata as Manifest['metadata'])?.name,
    };
    if (!patchTarget.kind || !patchTarget.name) {
      throw new KustomizeSubsetError(
        source,
        'a strategic-merge patch needs kind and metadata.name (or a target)',
      );
    }
    const matches = result.filter((m) => matchesTarget(m, patchTarget));
    if (matches.length === 0) {
      throw new KustomizeSubsetError(source, `no resource ${patchTarget.kind}/${patchTarget.name} to patch`);
    }
    result = result.map((m) => {
      if (!matches.includes(m)) return m;
      const { apiVersion, kind, metadata, ...body } = patch;
      const merged = mergePatch(source, structuredClone(m), body, '') as Manifest;
      if (isObject(metadata)) {
        const { name, namespace, ...rest } = metadata;
        merged.metadata = mergePatch(source, merged.metadata, rest, 'metadata') as Manifest['metadata'];
      }
      return merged;
    });
  }
  return result;
}

function parseTarget(file: string, where: string, value: unknown): Target {
  if (!isObject(value)) throw new KustomizeSubsetError(file, `${where} must be a mapping`);
  for (const key of Object.keys(value)) {
    if (key !== 'kind' && key !== 'name') {
      throw new KustomizeSubsetError(file, `${where}.${key} is outside the supported subset (kind, name)`);
    }
  }
  return {
    kind: value.kind === undefined ? undefined : stringField(file, `${where}.kind`, value.kind),
    name: value.name === undefined ? undefined : stringField(file, `${where}.name`, value.name),
  };
}

function matchesTarget(m: Manifest, target: Target): boolean {
  return (
    (target.kind === undefined || m.kind === target.kind) &&
    (target.name === undefined || m.metadata.name === target.name)
  );
}

/**
 * Strategic merge, restricted: maps merge key by key (null deletes), the lists of MERGED_BY_NAME
 * item by item (patched items first, in the patch's order, as kustomize does), other lists replace.
 */
function mergePatch(file: string, base: unknown, patch: unknown, path: string): unknown {
  if (isObject(patch)) {
    const result: Record<string, unknown> = isObject(base) ? { ...base } : {};
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith('$'))
        throw new KustomizeSubsetError(
          file,
          `${path}/${key}: patch directives are outside the supported subset`,
        );
      if (value === null) delete result[key];
      else result[key] = mergePatch(file, result[key], value, `${path}/${key}`);
    }
    return result;
  }
  if (Array.isArray(patch) && patch.some(isObject)) {
    const key = path.slice(path.lastIndexOf('/') + 1);
    if (!MERGED_BY_NAME.has(key) || !Array.isArray(base)) {
      throw new KustomizeSubsetError(file, `${path}: merging this list is outside the supported subset`);
    }
    // As kustomize orders them: the patched items in the patch's order, then the others as they were.
    const patched = patch.map((item) => {
      const original = base.find((b) => isObject(b) && isObject(item) && b.name === item.name);
      if (!isObject(item) || original === undefined) {
        throw new KustomizeSubsetError(file, `${path}: the patch may only change existing items (by name)`);
      }
      return mergePatch(file, original, item, `${path}/${String(item.name)}`);
    });
    const names = new Set(patch.map((item) => (item as Record<string, unknown>).name));
    return [...patched, ...base.filter((b) => !(isObject(b) && names.has(b.name)))];
  }
  return structuredClone(patch);
}

/** RFC 6902 add, remove, replace and test on a copy of `manifest`. */
function applyJsonPatch(file: string, operations: unknown[], manifest: Manifest): Manifest {
  const doc = structuredClone(manifest);
  for (const [index, operation] of operations.entries()) {
    if (!isObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      throw new KustomizeSubsetError(file, `operation ${index + 1} needs op and path`);
    }
    applyOperation(file, resourceId(manifest), doc, {
      op: operation.op,
      path: operation.path,
      value: operation.value,
    });
  }
  return doc;
}

interface JsonOperation {
  op: string;
  path: string;
  value?: unknown;
}

function applyOperation(file: string, id: string, doc: Manifest, operation: JsonOperation): void {
  const fail = (problem: string) => new KustomizeSubsetError(file, `${operation.path}: ${problem} in ${id}`);
  if (!['add', 'remove', 'replace', 'test'].includes(operation.op)) {
    throw new KustomizeSubsetError(file, `op "${operation.op}" is outside the supported subset`);
  }
  const tokens = operation.path
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = tokens.pop();
  if (last === undefined) throw new KustomizeSubsetError(file, `${operation.op}: the root cannot be patched`);
  let parent: unknown = doc;
  for (const token of tokens) {
    parent =
      isObject(parent) || Array.isArray(parent) ? (parent as Record<string, unknown>)[token] : undefined;
    if (parent === undefined) throw fail('no such path');
  }
  const same = (value: unknown) => JSON.stringify(value) === JSON.stringify(operation.value);
  if (Array.isArray(parent)) {
    const at = last === '-' && operation.op === 'add' ? parent.length : Number(last);
    const limit = operation.op === 'add' ? parent.length : parent.length - 1;
    if (!Number.isInteger(at) || at < 0 || at > limit) throw fail('no such path');
    if (operation.op === 'add') parent.splice(at, 0, operation.value);
    else if (operation.op === 'replace') parent[at] = operation.value;
    else if (operation.op === 'remove') parent.splice(at, 1);
    else if (!same(parent[at])) throw fail('test failed');
    return;
  }
  if (!isObject(parent) || (operation.op !== 'add' && !(last in parent))) throw fail('no such path');
  if (operation.op === 'add' || operation.op === 'replace') parent[last] = operation.value;
  else if (operation.op === 'remove') delete parent[last];
  else if (!same(parent[last])) throw fail('test failed');
}

// ---- labels, replicas, images ------------------------------------------------------------------

function addLabels(file: string, where: string, entry: unknown, manifests: Manifest[]): void {
  if (!isObject(entry) || !isObject(entry.pairs))
    throw new KustomizeSubsetError(file, `${where} needs pairs`);
  for (const key of Object.keys(entry)) {
    if (
      key !== 'pairs' &&
      !((key === 'includeSelectors' || key === 'includeTemplates') && entry[key] === false)
    ) {
      throw new KustomizeSubsetError(file, `${where}.${key} is outside the supported subset (pairs only)`);
    }
  }
  for (const m of manifests)
    m.metadata.labels = { ...m.metadata.labels, ...(entry.pairs as Record<string, string>) };
}

function setReplicas(file: string, where: string, entry: unknown, manifests: Manifest[]): void {
  if (!isObject(entry) || typeof entry.name !== 'string' || !Number.isInteger(entry.count)) {
    throw new KustomizeSubsetError(file, `${where} needs name and an integer count`);
  }
  const matches = manifests.filter((m) => m.kind === 'Deployment' && m.metadata.name === entry.name);
  if (matches.length === 0) throw new KustomizeSubsetError(file, `${where}: no Deployment ${entry.name}`);
  for (const m of matches) m.spec = { ...m.spec, replicas: entry.count };
}

function setImages(file: string, where: string, entry: unknown, manifests: Manifest[]): void {
  if (!isObject(entry) || typeof entry.name !== 'string')
    throw new KustomizeSubsetError(file, `${where} needs name`);
  for (const key of Object.keys(entry)) {
    if (!['name', 'newName', 'newTag', 'digest'].includes(key)) {
      throw new KustomizeSubsetError(file, `${where}.${key} is outside the supported subset`);
    }
  }
  const newName =
    entry.newName === undefined ? undefined : stringField(file, `${where}.newName`, entry.newName);
  const newTag = entry.newTag === undefined ? undefined : String(entry.newTag);
  const digest = entry.digest === undefined ? undefined : stringField(file, `${where}.digest`, entry.digest);
  for (const m of manifests) {
    for (const container of podContainers(m)) {
      const image = parseImage(container.image);
      if (image.name !== entry.name) continue;
      const suffix = digest ? `@${digest}` : newTag ? `:${newTag}` : image.suffix;
      container.image = `${newName ?? image.name}${suffix}`;
    }
  }
}

/** Containers and init containers of a workload's pod template (or of a Pod). */
function podContainers(m: Manifest): { image: string }[] {
  const pod =
    m.kind === 'Pod'
      ? m.spec
      : m.kind === 'CronJob'
        ? m.spec?.jobTemplate?.spec?.template?.spec
        : m.spec?.template?.spec;
  if (!isObject(pod)) return [];
  return [
    ...((pod.containers as { image: string }[]) ?? []),
    ...((pod.initContainers as { image: string }[]) ?? []),
  ];
}

/** `registry:5000/repo/name:tag@digest` → name `registry:5000/repo/name`, suffix `:tag@digest`. */
export function parseImage(image: string): { name: string; suffix: string } {
  const at = image.indexOf('@');
  const withoutDigest = at < 0 ? image : image.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  const end = colon > withoutDigest.lastIndexOf('/') ? colon : withoutDigest.length;
  return { name: image.slice(0, end), suffix: image.slice(end) };
}

// ---- small helpers ---------------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listOf(file: string, kustomization: Record<string, unknown>, key: string): unknown[] {
  const value = kustomization[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new KustomizeSubsetError(file, `${key} must be a list`);
  return value;
}

function stringField(file: string, where: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new KustomizeSubsetError(file, `${where} must be a non-empty string`);
  return value;
}

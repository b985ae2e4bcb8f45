import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as coreV1 from 'kubernetes-models/v1';
import type { Manifest } from './kustomize.js';

// The Kubernetes API groups the deploy manifests use; a manifest of any other group or kind has no
// schema here and fails validation, so a new kind cannot slip past the check unvalidated.
const GROUPS = [coreV1, appsV1, autoscalingV2, batchV1, networkingV1, policyV1];

interface ModelClass {
  apiVersion?: string;
  kind?: string;
  new (data: unknown): { validate(): void };
}

/** The kubernetes-models class of `apiVersion` + `kind`, if the groups above have one. */
export function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  for (const group of GROUPS) {
    const candidate = (group as unknown as Record<string, ModelClass>)[kind];
    if (typeof candidate === 'function' && candidate.apiVersion === apiVersion && candidate.kind === kind) {
      return candidate;
    }
  }
  return undefined;
}

/**
 * Problems of `manifest` against the Kubernetes OpenAPI schema (required fields, types, formats,
 * enums); empty when it is valid. kubernetes-models does not reject unknown fields.
 */
export function schemaProblems(manifest: Manifest): string[] {
  const Model = modelFor(manifest.apiVersion, manifest.kind);
  if (!Model) return [`no Kubernetes schema for ${manifest.apiVersion} ${manifest.kind}`];
  try {
    new Model(manifest).validate();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

import { fileURLToPath } from 'node:url';

/** examples/nest-server/deploy, where every delivery file but the workflows lives. */
export const DEPLOY_DIR = fileURLToPath(new URL('../../examples/nest-server/deploy/', import.meta.url));
/** The kustomize base and its overlays. */
export const K8S_DIR = `${DEPLOY_DIR}k8s/`;
export const OVERLAYS = ['staging', 'production'] as const;
/** The repository root. */
export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));

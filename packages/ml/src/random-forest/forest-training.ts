import { createRng } from '@da-ki/sdk';
import { type BinnedData, type GrownTree, growTree, type TreeParams } from './histogram-tree.js';

/** Trees `[from, to)` of a forest: plain data, so it can be posted to a training worker. */
export interface ForestTreesTask {
  kind: 'forestTrees';
  id: string;
  data: BinnedData;
  y: Float64Array;
  params: TreeParams;
  /** Rows drawn with replacement per tree; 0 trains every tree on every row once (no bootstrap). */
  bootstrapDraws: number;
  seed: number;
  from: number;
  to: number;
}

/**
 * The bootstrap weights of tree `t`: how often each row was drawn. Seeded by forest seed and
 * tree index only, so a tree is the same whichever worker or batch grows it, and the
 * out-of-bag rows can be recomputed later.
 */
export function bootstrapWeights(rows: number, draws: number, seed: number, t: number): Float64Array {
  const weights = new Float64Array(rows);
  if (draws === 0) return weights.fill(1);
  const rng = createRng(`random-forest-bootstrap:${seed}:${t}`);
  for (let d = 0; d < draws; d++) {
    const i = Math.floor(rng.next() * rows);
    weights[i] = (weights[i] as number) + 1;
  }
  return weights;
}

/** Grows trees `[from, to)` of a forest. */
export function growForestTrees(task: ForestTreesTask): GrownTree[] {
  const grown: GrownTree[] = [];
  for (let t = task.from; t < task.to; t++) {
    const weights = bootstrapWeights(task.data.rows, task.bootstrapDraws, task.seed, t);
    const rng = createRng(`random-forest-features:${task.seed}:${t}`);
    grown.push(growTree(task.data, task.y, weights, task.params, rng));
  }
  return grown;
}

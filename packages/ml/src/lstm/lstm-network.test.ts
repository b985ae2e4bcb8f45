import { createRng } from '@da-ki/sdk';
import { describe, expect, it } from 'vitest';
import {
  initLstmParameters,
  type LstmShape,
  lstmForward,
  lstmLayout,
  lstmLossAndGradient,
} from './lstm-network.js';

const shape: LstmShape = { inputSize: 3, hiddenSize: 4 };
const T = 5;

function problem(seed: number, batch = 3) {
  const rng = createRng(seed);
  const params = initLstmParameters(shape, rng);
  // perturb every parameter (biases included) so no gradient entry is trivially zero
  for (let i = 0; i < params.length; i++) params[i] = (params[i] as number) + 0.3 * rng.normal();
  const sequences = Array.from({ length: batch }, () =>
    Float64Array.from({ length: T * shape.inputSize }, () => rng.normal()),
  );
  const targets = Array.from({ length: batch }, () => rng.normal());
  return { params, sequences, targets };
}

function batchLoss(params: Float64Array, sequences: Float64Array[], targets: number[]): number {
  let loss = 0;
  sequences.forEach((sequence, s) => {
    loss += 0.5 * (lstmForward(params, shape, sequence) - (targets[s] as number)) ** 2;
  });
  return loss / sequences.length;
}

describe('LSTM back-propagation through time', () => {
  it('matches central finite differences of the loss for every parameter', () => {
    const { params, sequences, targets } = problem(3);
    const { loss, gradient } = lstmLossAndGradient(params, shape, sequences, targets, T);
    expect(loss).toBeCloseTo(batchLoss(params, sequences, targets), 12);
    const h = 1e-5;
    let worst = 0;
    for (let i = 0; i < params.length; i++) {
      const saved = params[i] as number;
      params[i] = saved + h;
      const up = batchLoss(params, sequences, targets);
      params[i] = saved - h;
      const down = batchLoss(params, sequences, targets);
      params[i] = saved;
      const numeric = (up - down) / (2 * h);
      const analytic = gradient[i] as number;
      const relative = Math.abs(numeric - analytic) / Math.max(1e-4, Math.abs(numeric) + Math.abs(analytic));
      worst = Math.max(worst, relative);
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('has a non-zero gradient in every block (the check above is not vacuous)', () => {
    const { params, sequences, targets } = problem(4);
    const { gradient } = lstmLossAndGradient(params, shape, sequences, targets, T);
    const L = lstmLayout(shape);
    for (const [from, to] of [
      [L.wx, L.wh],
      [L.wh, L.b],
      [L.b, L.wy],
      [L.wy, L.by],
    ] as const) {
      expect(gradient.subarray(from, to).some((g) => Math.abs(g) > 1e-6)).toBe(true);
    }
  });

  it('truncation keeps the read-out gradient exact and cuts the recurrent paths', () => {
    const { params, sequences, targets } = problem(5);
    const full = lstmLossAndGradient(params, shape, sequences, targets, T).gradient.slice();
    const truncated = lstmLossAndGradient(params, shape, sequences, targets, 1).gradient;
    const L = lstmLayout(shape);
    expect(Array.from(truncated.subarray(L.wy))).toEqual(Array.from(full.subarray(L.wy)));
    expect(Array.from(truncated.subarray(L.wx, L.wh))).not.toEqual(Array.from(full.subarray(L.wx, L.wh)));
    // one-step sequences have no earlier timestep to cut
    const short = sequences.map((s) => s.slice(0, shape.inputSize));
    const a = lstmLossAndGradient(params, shape, short, targets, 1).gradient.slice();
    const b = lstmLossAndGradient(params, shape, short, targets, 7).gradient;
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('initialises deterministically from the seed, with forget-gate biases at 1', () => {
    const a = initLstmParameters(shape, createRng(9));
    const b = initLstmParameters(shape, createRng(9));
    expect(Array.from(a)).toEqual(Array.from(b));
    const L = lstmLayout(shape);
    const H = shape.hiddenSize;
    expect(Array.from(a.subarray(L.b, L.b + 4 * H))).toEqual([
      ...Array(H).fill(0),
      ...Array(H).fill(1),
      ...Array(2 * H).fill(0),
    ]);
    expect(L.size).toBe(4 * H * (shape.inputSize + H) + 4 * H + H + 1);
  });
});

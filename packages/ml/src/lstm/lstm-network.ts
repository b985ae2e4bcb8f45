import type { Rng } from '@da-ki/sdk';

/**
 * Shape of a one-layer LSTM with a linear read-out of the last hidden state. Parameters are packed
 * in one `Float64Array`, in this order: input weights `Wx` (4H × F, row-major), recurrent weights
 * `Wh` (4H × H), gate biases `b` (4H), read-out weights `wy` (H), read-out bias `by` (1). Gate
 * blocks within `Wx`, `Wh` and `b` are input, forget, cell candidate, output (as in Hochreiter &
 * Schmidhuber 1997 with the forget gate of Gers et al. 2000).
 */
export interface LstmShape {
  /** Features per timestep (F). */
  inputSize: number;
  /** Hidden units (H). */
  hiddenSize: number;
}

/** Offsets of each parameter block in the packed vector. */
export interface LstmLayout {
  wx: number;
  wh: number;
  b: number;
  wy: number;
  by: number;
  size: number;
}

/** Where each block starts in the packed parameter vector of `shape`. */
export function lstmLayout({ inputSize: F, hiddenSize: H }: LstmShape): LstmLayout {
  const wx = 0;
  const wh = wx + 4 * H * F;
  const b = wh + 4 * H * H;
  const wy = b + 4 * H;
  const by = wy + H;
  return { wx, wh, b, wy, by, size: by + 1 };
}

/**
 * Glorot-uniform weights, zero biases except the forget gate's at 1 (Jozefowicz et al. 2015: lets
 * the cell remember from the start), drawn from `rng` so a seed fixes the network.
 */
export function initLstmParameters(shape: LstmShape, rng: Rng): Float64Array {
  const { inputSize: F, hiddenSize: H } = shape;
  const layout = lstmLayout(shape);
  const params = new Float64Array(layout.size);
  const uniform = (from: number, count: number, fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < count; i++) params[from + i] = (rng.next() * 2 - 1) * limit;
  };
  uniform(layout.wx, 4 * H * F, F, H);
  uniform(layout.wh, 4 * H * H, H, H);
  for (let j = 0; j < H; j++) params[layout.b + H + j] = 1;
  uniform(layout.wy, H, H, 1);
  return params;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Activations of one forward pass, kept for back-propagation: each T × H, row per timestep. */
interface ForwardCache {
  gi: Float64Array;
  gf: Float64Array;
  gg: Float64Array;
  go: Float64Array;
  c: Float64Array;
  h: Float64Array;
}

function allocateCache(T: number, H: number): ForwardCache {
  return {
    gi: new Float64Array(T * H),
    gf: new Float64Array(T * H),
    gg: new Float64Array(T * H),
    go: new Float64Array(T * H),
    c: new Float64Array(T * H),
    h: new Float64Array(T * H),
  };
}

/**
 * Runs the network over one sequence (`T × F` values, oldest timestep first) and returns the
 * read-out of the last hidden state. Fills `cache` when given (for {@link lstmLossAndGradient}).
 */
export function lstmForward(
  params: Float64Array,
  shape: LstmShape,
  sequence: Float64Array,
  cache?: ForwardCache,
  z: Float64Array = new Float64Array(4 * shape.hiddenSize),
): number {
  const { inputSize: F, hiddenSize: H } = shape;
  const L = lstmLayout(shape);
  const T = sequence.length / F;
  const work = cache ?? allocateCache(T, H);
  for (let t = 0; t < T; t++) {
    const xOff = t * F;
    const prev = (t - 1) * H;
    for (let r = 0; r < 4 * H; r++) {
      let sum = params[L.b + r] as number;
      const wxRow = L.wx + r * F;
      for (let k = 0; k < F; k++) sum += (params[wxRow + k] as number) * (sequence[xOff + k] as number);
      if (t > 0) {
        const whRow = L.wh + r * H;
        for (let k = 0; k < H; k++) sum += (params[whRow + k] as number) * (work.h[prev + k] as number);
      }
      z[r] = sum;
    }
    const row = t * H;
    for (let j = 0; j < H; j++) {
      const i = sigmoid(z[j] as number);
      const f = sigmoid(z[H + j] as number);
      const g = Math.tanh(z[2 * H + j] as number);
      const o = sigmoid(z[3 * H + j] as number);
      const cPrev = t > 0 ? (work.c[prev + j] as number) : 0;
      const c = f * cPrev + i * g;
      work.gi[row + j] = i;
      work.gf[row + j] = f;
      work.gg[row + j] = g;
      work.go[row + j] = o;
      work.c[row + j] = c;
      work.h[row + j] = o * Math.tanh(c);
    }
  }
  let y = params[L.by] as number;
  const last = (T - 1) * H;
  for (let j = 0; j < H; j++) y += (params[L.wy + j] as number) * (work.h[last + j] as number);
  return y;
}

/**
 * Mean of ½(ŷ − y)² over a batch and its gradient with respect to every parameter, by
 * back-propagation through time truncated to the last `bpttSteps` timesteps (Williams & Peng 1990):
 * earlier states count as constants. With `bpttSteps ≥ T` the gradient is exact.
 */
export function lstmLossAndGradient(
  params: Float64Array,
  shape: LstmShape,
  sequences: readonly Float64Array[],
  targets: ArrayLike<number>,
  bpttSteps: number,
  gradient: Float64Array = new Float64Array(params.length),
): { loss: number; gradient: Float64Array } {
  const { inputSize: F, hiddenSize: H } = shape;
  const L = lstmLayout(shape);
  gradient.fill(0);
  const B = sequences.length;
  let loss = 0;
  const z = new Float64Array(4 * H);
  const dh = new Float64Array(H);
  const dc = new Float64Array(H);
  const dz = new Float64Array(4 * H);
  let cache: ForwardCache | undefined;
  for (let s = 0; s < B; s++) {
    const sequence = sequences[s] as Float64Array;
    const T = sequence.length / F;
    if (!cache || cache.h.length !== T * H) cache = allocateCache(T, H);
    const yHat = lstmForward(params, shape, sequence, cache, z);
    const error = yHat - (targets[s] as number);
    loss += 0.5 * error * error;
    const dy = error / B;
    const last = (T - 1) * H;
    gradient[L.by] = (gradient[L.by] as number) + dy;
    for (let j = 0; j < H; j++) {
      gradient[L.wy + j] = (gradient[L.wy + j] as number) + dy * (cache.h[last + j] as number);
      dh[j] = dy * (params[L.wy + j] as number);
      dc[j] = 0;
    }
    const stop = Math.max(0, T - bpttSteps);
    for (let t = T - 1; t >= stop; t--) {
      const row = t * H;
      const prev = (t - 1) * H;
      for (let j = 0; j < H; j++) {
        const i = cache.gi[row + j] as number;
        const f = cache.gf[row + j] as number;
        const g = cache.gg[row + j] as number;
        const o = cache.go[row + j] as number;
        const tc = Math.tanh(cache.c[row + j] as number);
        const cPrev = t > 0 ? (cache.c[prev + j] as number) : 0;
        const dhj = dh[j] as number;
        const dcj = (dc[j] as number) + dhj * o * (1 - tc * tc);
        dz[j] = dcj * g * i * (1 - i);
        dz[H + j] = dcj * cPrev * f * (1 - f);
        dz[2 * H + j] = dcj * i * (1 - g * g);
        dz[3 * H + j] = dhj * tc * o * (1 - o);
        dc[j] = dcj * f;
      }
      const xOff = t * F;
      for (let r = 0; r < 4 * H; r++) {
        const d = dz[r] as number;
        if (d === 0) continue;
        gradient[L.b + r] = (gradient[L.b + r] as number) + d;
        const wxRow = L.wx + r * F;
        for (let k = 0; k < F; k++)
          gradient[wxRow + k] = (gradient[wxRow + k] as number) + d * (sequence[xOff + k] as number);
        if (t > 0) {
          const whRow = L.wh + r * H;
          for (let k = 0; k < H; k++)
            gradient[whRow + k] = (gradient[whRow + k] as number) + d * (cache.h[prev + k] as number);
        }
      }
      if (t > stop) {
        // dh_{t-1} = Whᵀ dz_t
        for (let k = 0; k < H; k++) {
          let sum = 0;
          for (let r = 0; r < 4 * H; r++) sum += (params[L.wh + r * H + k] as number) * (dz[r] as number);
          dh[k] = sum;
        }
      }
    }
  }
  return { loss: loss / B, gradient };
}

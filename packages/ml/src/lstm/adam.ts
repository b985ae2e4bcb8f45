/** Adam's step size and decay rates (Kingma & Ba 2015; their defaults for β₁, β₂, ε). */
export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** The Adam optimiser over one packed parameter vector, with bias-corrected moment estimates. */
export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private readonly learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(size: number, options: AdamOptions) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** Moves `params` one step against `gradient`, in place. */
  step(params: Float64Array, gradient: Float64Array): void {
    this.t++;
    const { beta1, beta2, epsilon } = this;
    const correction1 = 1 - beta1 ** this.t;
    const correction2 = 1 - beta2 ** this.t;
    for (let i = 0; i < params.length; i++) {
      const g = gradient[i] as number;
      const m = beta1 * (this.m[i] as number) + (1 - beta1) * g;
      const v = beta2 * (this.v[i] as number) + (1 - beta2) * g * g;
      this.m[i] = m;
      this.v[i] = v;
      params[i] =
        (params[i] as number) -
        (this.learningRate * (m / correction1)) / (Math.sqrt(v / correction2) + epsilon);
    }
  }
}

/** Scales `gradient` in place so its L2 norm is at most `maxNorm` (Pascanu et al. 2013). */
export function clipGradientNorm(gradient: Float64Array, maxNorm: number): void {
  let ss = 0;
  for (let i = 0; i < gradient.length; i++) ss += (gradient[i] as number) ** 2;
  const norm = Math.sqrt(ss);
  if (norm > maxNorm) {
    const scale = maxNorm / norm;
    for (let i = 0; i < gradient.length; i++) gradient[i] = (gradient[i] as number) * scale;
  }
}

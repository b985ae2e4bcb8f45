// Test kit (not part of the public build): input columns that are views into one buffer, for the
// `out` option's shared-memory checks.

/** Views of one buffer of `4 · length` ones: high, low, close, volume, one after another. */
export function columnsInOneBuffer(length: number): {
  buffer: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
} {
  const buffer = new Float64Array(4 * length).fill(1);
  const [high, low, close, volume] = [0, 1, 2, 3].map((k) =>
    buffer.subarray(k * length, (k + 1) * length),
  ) as [Float64Array, Float64Array, Float64Array, Float64Array];
  return { buffer, high, low, close, volume };
}

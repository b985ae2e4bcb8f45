import { InvalidArgumentError } from '@da-ki/sdk';
import type { TreeArrays } from './histogram-tree.js';

/** One tree as JSON: each flat array as the base64 of its little-endian bytes. */
export interface TreeJSON {
  feature: string;
  threshold: string;
  left: string;
  right: string;
  value: string;
}

function toBase64(array: Int32Array | Float64Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64<T extends Int32Array | Float64Array>(
  text: unknown,
  Kind: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
  name: string,
): T {
  if (typeof text !== 'string') throw new InvalidArgumentError(name, 'must be a base64 string');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % Kind.BYTES_PER_ELEMENT !== 0)
    throw new InvalidArgumentError(name, `is ${bytes.byteLength} bytes, not a whole number of elements`);
  // copy into a fresh, aligned buffer
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Kind(copy);
}

/** A tree's JSON form. */
export function treeToJSON(tree: TreeArrays): TreeJSON {
  return {
    feature: toBase64(tree.feature),
    threshold: toBase64(tree.threshold),
    left: toBase64(tree.left),
    right: toBase64(tree.right),
    value: toBase64(tree.value),
  };
}

/** Reads a tree back, checking that the arrays agree and every link points inside the tree. */
export function treeFromJSON(json: unknown, name: string, width: number): TreeArrays {
  const j = (json ?? {}) as Record<string, unknown>;
  const tree: TreeArrays = {
    feature: fromBase64(j.feature, Int32Array, `${name}.feature`),
    threshold: fromBase64(j.threshold, Float64Array, `${name}.threshold`),
    left: fromBase64(j.left, Int32Array, `${name}.left`),
    right: fromBase64(j.right, Int32Array, `${name}.right`),
    value: fromBase64(j.value, Float64Array, `${name}.value`),
  };
  const n = tree.feature.length;
  if (n === 0 || [tree.threshold, tree.left, tree.right, tree.value].some((a) => a.length !== n))
    throw new InvalidArgumentError(name, 'arrays must be non-empty and of one length');
  for (let k = 0; k < n; k++) {
    const f = tree.feature[k] as number;
    if (f < 0) continue;
    const l = tree.left[k] as number;
    const r = tree.right[k] as number;
    // children always come after their parent, so a valid tree has no cycles
    if (f >= width || l <= k || r <= k || l >= n || r >= n)
      throw new InvalidArgumentError(name, `node ${k} has an invalid feature or child`);
  }
  return tree;
}

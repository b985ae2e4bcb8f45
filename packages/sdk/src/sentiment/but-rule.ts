/**
 * VADER's contrastive-conjunction rule: valences before the first "but" count half, after it one
 * and a half times ("The plot was good, but the characters are uncompelling").
 *
 * Reproduced with the reference's quirk. vaderSentiment 3.3.2 walks the list and finds each
 * value's position with `sentiments.index(value)`, i.e. the FIRST position holding an equal value,
 * so when a value repeats (say 0.95, or a halved 1.9), the scaling can land on an earlier word and
 * be applied to it twice. The published scores include that effect, so it is kept; it is done in
 * O(n log n) instead of the reference's O(n²), so that long texts stay fast.
 */
export function applyButRule(keys: readonly string[], sentiments: Float64Array): void {
  const butIndex = keys.indexOf('but');
  if (butIndex === -1) return;
  // Positions ≤ k grouped by their current value. Only positions ≤ k are ever rewritten (the first
  // position holding the value at k is at most k), so a position joins its group when it is reached.
  const positions = new Map<number, MinHeap>();
  const join = (value: number, index: number): void => {
    let heap = positions.get(value);
    if (heap === undefined) positions.set(value, (heap = new MinHeap()));
    heap.push(index);
  };
  for (let k = 0; k < sentiments.length; k++) {
    const value = sentiments[k] as number;
    // Zeros stay zero whatever the factor (only the sign of zero could change, which no result sees).
    if (value === 0) continue;
    join(value, k);
    const heap = positions.get(value) as MinHeap;
    const first = heap.peek();
    if (first === butIndex) continue;
    heap.pop();
    const scaled = value * (first < butIndex ? 0.5 : 1.5);
    sentiments[first] = scaled;
    join(scaled, first);
  }
}

/** A binary min-heap of array positions. */
class MinHeap {
  private readonly items: number[] = [];

  peek(): number {
    return this.items[0] as number;
  }

  push(item: number): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as number) <= item) break;
      items[i] = items[parent] as number;
      i = parent;
    }
    items[i] = item;
  }

  pop(): void {
    const items = this.items;
    const last = items.pop() as number;
    if (items.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && (items[right] as number) < (items[left] as number) ? right : left;
      if ((items[child] as number) >= last) break;
      items[i] = items[child] as number;
      i = child;
    }
    items[i] = last;
  }
}

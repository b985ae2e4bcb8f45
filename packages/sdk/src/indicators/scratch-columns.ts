/**
 * Whole-length intermediate columns of batch functions (HMA's two WMAs, Ichimoku's and Aroon's
 * window extremes, the candle view's averages), recycled from one call to the next.
 *
 * A new column is fresh memory: the operating system faults it in one 4 KiB page at a time on
 * first write, 3–30 ms per million values on the VMs we measure — often more than the loop that
 * fills it. A function takes its scratch columns here and gives them back before it returns; the
 * next call that asks for a column of the same type and length gets one back, already touched.
 * Columns are held weakly, so the garbage collector may take them between calls, and only a few
 * are kept. A column given back must not be referenced anywhere else (it will be overwritten),
 * and its contents are leftovers: a taker writes every slot it reads.
 */
type ScratchType = Float64ArrayConstructor | Int32ArrayConstructor;

/** Given-back columns, newest last. */
const spare: WeakRef<Float64Array | Int32Array>[] = [];

/** At most this many given-back columns are kept (a call uses up to nine). */
const MAX_SPARE = 24;

/** A column of `type` and `length`: a given-back one if any is still alive, else a new one. */
export function takeScratch(type: Float64ArrayConstructor, length: number): Float64Array;
export function takeScratch(type: Int32ArrayConstructor, length: number): Int32Array;
export function takeScratch(type: ScratchType, length: number): Float64Array | Int32Array {
  for (let k = spare.length - 1; k >= 0; k--) {
    const column = (spare[k] as WeakRef<Float64Array | Int32Array>).deref();
    if (column === undefined || (column instanceof type && column.length === length)) {
      spare.splice(k, 1);
      if (column !== undefined) return column;
    }
  }
  return new type(length);
}

/** Gives columns back for the next call (each must have no other reference left). */
export function giveBackScratch(...columns: (Float64Array | Int32Array)[]): void {
  for (const column of columns) spare.push(new WeakRef(column));
  if (spare.length > MAX_SPARE) spare.splice(0, spare.length - MAX_SPARE);
}

import type { XGBoostBooster, XGBoostClass } from 'ml-xgboost';
import { nodeRequire } from '../util/node-require.js';

/** The parts of ml-xgboost's Emscripten module that DA-KI calls directly. */
interface XGBoostModule {
  isReady: Promise<unknown>;
  cwrap(name: string, returns: string | null, args: string[]): (...args: unknown[]) => number;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  HEAPF32: Float32Array;
}

/** The ml-xgboost class and a trainer that passes the data through the WASM heap. */
export interface XGBoostRuntime {
  XGBoost: XGBoostClass;
  /** Trains a booster on row-major float32 data (rows × cols) without the package's stack copy. */
  train(
    options: Record<string, string | number>,
    data: Float32Array,
    labels: Float32Array,
    rows: number,
    cols: number,
  ): XGBoostBooster;
}

let loading: Promise<XGBoostRuntime> | undefined;

// Emscripten's glue in ml-xgboost first tries `fetch()` on the .wasm file path, which Node rejects,
// then falls back to reading the file; it logs both steps with console.warn. The fallback is the
// intended path under Node, so these two lines (and only these) are dropped while the module loads.
const LOAD_NOISE = [/^wasm streaming compile failed/, /^falling back to ArrayBuffer instantiation/];

/**
 * ml-xgboost, loaded on first use: importing `@da-ki/ml` does not instantiate the WASM module
 * unless an XGBoost model is trained or restored.
 *
 * Its own `train()` hands the feature matrix to C as an Emscripten `array` argument, which is
 * copied onto the 5 MB WASM stack: more than about 4 MB of float32 features (≈ 90 000 rows of
 * 11 features) overruns it ("memory access out of bounds"). `train` here copies the data into
 * the (growable) heap instead and calls the same C functions the package calls, on the same
 * module instance, so the booster it returns is an ordinary ml-xgboost object.
 */
export function loadXGBoost(): Promise<XGBoostRuntime> {
  loading ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      const first = String(args[0]);
      if (!LOAD_NOISE.some((pattern) => pattern.test(first))) warn(...args);
    };
    try {
      const require = nodeRequire();
      const XGBoost = await (require('ml-xgboost') as Promise<XGBoostClass>);
      // the module instance the package itself uses (same file, same require cache entry)
      const module = require('ml-xgboost/dist/wasm/xgboost.js') as XGBoostModule;
      await module.isReady;
      const createModel = module.cwrap('create_model', 'number', ['number', 'number', 'number', 'number']);
      const setParam = module.cwrap('set_param', null, ['number', 'string', 'string']);
      const trainFull = module.cwrap('train_full_model', null, ['number', 'number']);
      const train: XGBoostRuntime['train'] = (options, data, labels, rows, cols) => {
        const dataPointer = module._malloc(data.byteLength);
        const labelPointer = module._malloc(labels.byteLength);
        let handle: number;
        try {
          // HEAPF32 is re-created when the heap grows: read it after the allocations
          module.HEAPF32.set(data, dataPointer >> 2);
          module.HEAPF32.set(labels, labelPointer >> 2);
          handle = createModel(dataPointer, labelPointer, rows, cols);
        } finally {
          module._free(dataPointer);
          module._free(labelPointer);
        }
        const booster = new XGBoost(options) as XGBoostBooster & { model: number };
        for (const [key, value] of Object.entries(options))
          if (key !== 'iterations') setParam(handle, key, String(value));
        trainFull(handle, Number(options.iterations));
        booster.model = handle;
        return booster;
      };
      return { XGBoost, train };
    } finally {
      console.warn = warn;
    }
  })();
  return loading;
}

// ml-xgboost ships no types. Its CommonJS export is a Promise of the class (the WASM module
// initialises asynchronously); these declarations cover the part DA-KI uses.
declare module 'ml-xgboost' {
  /** Serialised booster as written by `toJSON()` (bytes of XGBoost's binary model format). */
  export interface XGBoostModelJSON {
    name: 'ml-xgboost';
    model: number[];
    options: Record<string, string | number>;
  }
  export interface XGBoostBooster {
    train(trainingSet: number[][], trainingValues: number[]): void;
    predict(toPredict: number[][]): number[];
    toJSON(): XGBoostModelJSON;
    free(): void;
  }
  export interface XGBoostClass {
    new (options: Record<string, string | number>): XGBoostBooster;
    load(model: XGBoostModelJSON): XGBoostBooster;
  }
  const xgboost: Promise<XGBoostClass>;
  export default xgboost;
}

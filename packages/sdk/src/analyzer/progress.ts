/** Progress of a long analyzer run, reported after every symbol. */
export interface AnalyzerProgress {
  /** `fetch`: loading and validating data; `score`: the (single, fast) scoring pass. */
  phase: 'fetch' | 'score';
  /** Symbols finished in this phase (successfully or not). */
  completed: number;
  /** Symbols in this phase. */
  total: number;
  /** The symbol just finished, in the fetch phase. */
  symbol?: string;
  /** Symbols that failed so far. */
  failed: number;
}

/** A symbol that could not be scored, and why. The rest of the run goes on. */
export interface SymbolError {
  symbol: string;
  /** Error class name, e.g. `DataValidationError` or `NotFoundError`. */
  name: string;
  message: string;
}

/**
 * The data report of a folder (see docs/data.md): what was read, what was left out and why.
 * One shape for the SDK (`FolderProvider.report()`), the command line (`da-ki check`) and the
 * server (`GET /api/data/status`), so a user sees the same reasons everywhere.
 */

/** `ok`: used as is; `warning`: used, with something the user should know; `excluded`: not used. */
export type DataStatus = 'ok' | 'warning' | 'excluded';

/** Kinds of findings, stable identifiers for programs (the `message` is for people). */
export type DataIssueCode =
  | 'unreadable' // the file cannot be read or parsed (bad value, wrong layout, I/O error)
  | 'bad-row' // a row that cannot be read, skipped because `skipBadRows` is set
  | 'header-only' // a header and no data rows
  | 'not-a-symbol' // a price file whose name is not a valid ticker ("my prices.csv")
  | 'unknown-symbol' // a row of universe/fundamentals/news for a symbol without prices
  | 'no-prices' // a universe symbol without any price file
  | 'duplicate-symbol' // one symbol in two price files (the first, in file-name order, is kept)
  | 'duplicate' // two rows for one date (identical rows are dropped; differing rows exclude the file)
  | 'gap' // missing trading days inside a series
  | 'suspicious-tick' // a close > 10x or < 1/10 of both neighbours
  | 'too-short' // fewer bars than a factor needs
  | 'stale' // last bar more than 5 trading days before the as-of date
  | 'after-as-of' // no bars on or before the as-of date
  | 'no-universe' // universe.csv missing: every price file is a symbol in sector "Unknown"
  | 'adjusted-close' // adj_close used instead of close
  | 'currency' // money in a currency that could not be converted (fields left out)
  | 'missing-fundamentals' // no fundamentals row on or before the as-of date
  | 'config' // a problem with da-ki.json
  | 'not-in-universe' // a price file for a symbol that universe.csv does not list (sector "Unknown")
  | 'not-read'; // a file or folder that is not part of the format (reported, never read)

/** One finding. `file`, `line` and `column` say where, whenever a place can be named. */
export interface DataIssue {
  code: DataIssueCode;
  /** `warning` keeps the file or symbol in use; `excluded` takes it out. */
  severity: 'warning' | 'excluded';
  /** A sentence a user can act on, naming file, line, column and value where there is one. */
  message: string;
  /** File, relative to the folder (e.g. `prices/MSFT.csv`). */
  file?: string;
  /** 1-based line in `file` (the header is line 1). */
  line?: number;
  /** Column name as written in the header. */
  column?: string;
}

/** What happened to one file of the folder. */
export interface FileReport {
  /** Relative path, e.g. `prices/MSFT.csv`, `universe.csv`. */
  file: string;
  /** What the file was read as. */
  kind: 'universe' | 'prices' | 'prices-wide' | 'prices-long' | 'fundamentals' | 'news' | 'config' | 'other';
  status: DataStatus;
  /** Data rows read (the header not counted). */
  rows: number;
  /** Symbols the file supplied. */
  symbols: string[];
  issues: DataIssue[];
  /** Remarks that need no action (e.g. "documentation, not read"). */
  notes?: string[];
}

/** What happened to one symbol. */
export interface SymbolReport {
  symbol: string;
  name: string;
  sector: string;
  /** Price file the bars came from. */
  file?: string;
  status: DataStatus;
  /** Bars on or before the as-of date. */
  bars: number;
  /** First and last bar date on or before the as-of date, `YYYY-MM-DD`. */
  firstDate?: string;
  lastDate?: string;
  hasFundamentals: boolean;
  /** Headlines published on or before the as-of date. */
  newsCount: number;
  issues: DataIssue[];
  /** Remarks that need no action (e.g. closes only, so no volume-based features). */
  notes?: string[];
}

/** The whole report of a folder as of one date. */
export interface DataReport {
  /** The folder, as given. */
  dir: string;
  /** The as-of date, `YYYY-MM-DD` (the option, or the latest bar date in the folder). */
  asOf: string;
  /** Hash of the folder's files (names, sizes, contents): changes when any input changes. */
  fingerprint: string;
  files: FileReport[];
  symbols: SymbolReport[];
  /** Findings about the folder as a whole (no universe, bad da-ki.json, series years apart). */
  issues: DataIssue[];
  summary: {
    files: number;
    symbols: number;
    ok: number;
    warning: number;
    excluded: number;
    /** Symbols that can be ranked (status ok or warning). */
    scorable: number;
  };
}

export { barsToSeries, sliceBarsByTime } from './bars.js';
export { DaKiError, type DataIssueLocation, DataValidationError, InvalidArgumentError } from './errors.js';
export {
  BAR_FIELDS,
  type Bar,
  type BarField,
  type BarSeries,
  barSchema,
  barSeriesSchema,
  type Fundamentals,
  fundamentalsSchema,
  GICS_SECTORS,
  type GicsSector,
  type NewsItem,
  newsItemSchema,
  type Quote,
  quoteSchema,
  type SymbolInfo,
  sectorSchema,
  symbolInfoSchema,
  symbolSchema,
} from './schemas.js';
export {
  type BarGap,
  type BarValidationReport,
  type RawBarColumns,
  toValidatedBars,
  type ValidateBarsOptions,
  type ValidatedBars,
  validateBars,
} from './validate-bars.js';
export { isValidatedBars, type ValidatedBarSeries } from './validated-bars.js';

export { CsvFormatError, type CsvLocation } from './csv-format-error.js';
export {
  CsvProvider,
  type CsvProviderOptions,
  type CsvReadReport,
  type CsvReadResult,
  UNKNOWN_SECTOR,
} from './csv-provider.js';

export type {
  DataIssue,
  DataIssueCode,
  DataReport,
  DataStatus,
  FileReport,
  SymbolReport,
} from './data-report.js';
export { type FolderConfig, folderConfigSchema } from './folder-config.js';
export { FolderProvider, type FolderProviderOptions } from './folder-provider.js';
export {
  type FolderSymbolInfo,
  FULL_HISTORY_BARS,
  MIN_SCORABLE_BARS,
  STALE_TRADING_DAYS,
} from './load-folder.js';
export { type DataFolderContent, writeDataFolder } from './write-data-folder.js';

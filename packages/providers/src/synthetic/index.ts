export { SECTOR_PROFILES, type SectorProfile } from './sector-profiles.js';
export {
  SYNTHETIC_DEFAULTS,
  SyntheticMarketProvider,
  type SyntheticMarketProviderOptions,
} from './synthetic-market-provider.js';
export { nyseHolidays, tradingDaysEndingOn } from './trading-calendar.js';

export * from './alphavantage-provider.js';

// The query and path schemas of the stock endpoints are part of the wire contract.
export {
  type ListStocksQuery,
  listStocksQuerySchema,
  symbolParamSchema,
} from '../contract/stock-requests.js';

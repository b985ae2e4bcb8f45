/**
 * Latest prices for positions. The stocks module implements it over the SDK's providers; positions
 * depend only on this contract.
 */
export abstract class MarketPrices {
  /** Latest close of `symbol`; throws `NotFoundException` for a symbol the provider does not know. */
  abstract latestPrice(symbol: string): Promise<number>;
}

// The payloads and the subscription messages are part of the wire contract (src/contract/realtime.ts).
export {
  MAX_SYMBOLS_PER_SOCKET,
  type PortfolioUpdate,
  type PositionAlert,
  type PriceUpdate,
  type ScoreUpdate,
  type Subscription,
  type SubscriptionAck,
  subscriptionSchema,
  type Top10Update,
} from '../contract/realtime.js';

/** Server → client events of the default namespace. */
export const REALTIME_EVENTS = {
  price: 'price:update',
  score: 'score:update',
  top10: 'top10:update',
  portfolio: 'portfolio:update',
  alert: 'alert',
} as const;

/** Room of a symbol's market events (price and score). */
export const symbolRoom = (symbol: string): string => `symbol:${symbol}`;
/** Room of the top-10 ranking. */
export const TOP10_ROOM = 'top10';
/** Room of one user's portfolio and alerts; joined only by sockets whose token proved that user. */
export const userRoom = (userId: string): string => `user:${userId}`;

import { useEffect, useRef } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import type {
  PortfolioUpdate,
  PositionAlert,
  PriceUpdate,
  ScoreUpdate,
  Subscription,
  SubscriptionAck,
} from '../../src/realtime/realtime.events.js';
import { createStore } from './store.js';

/** Payloads of the gateway's server → client events (types shared with the server's src/realtime). */
export interface LiveEvents {
  'price:update': PriceUpdate;
  'score:update': ScoreUpdate;
  'top10:update': unknown;
  'portfolio:update': PortfolioUpdate;
  alert: PositionAlert;
}
type LiveEventName = keyof LiveEvents;
const EVENT_NAMES: LiveEventName[] = [
  'price:update',
  'score:update',
  'top10:update',
  'portfolio:update',
  'alert',
];

/** `live` while the socket is connected, `connecting` while Socket.IO retries, `offline` when refused. */
export type LiveState = 'connecting' | 'live' | 'offline';

/** State of the live connection, for the header's indicator. */
export const liveState = createStore<LiveState>('offline');

interface Wanted {
  symbols: Set<string>;
  top10: boolean;
  portfolio: boolean;
}

const emptyWanted = (): Wanted => ({ symbols: new Set(), top10: false, portfolio: false });

/**
 * The page's one Socket.IO connection. Views declare what they want to hear (`want`); the union of
 * those wishes is kept subscribed with `subscribe` / `unsubscribe` diffs, and re-sent after a
 * reconnect that the server could not recover (connection-state recovery keeps the rooms otherwise).
 */
class LiveConnection {
  private socket: Socket | null = null;
  private readonly wishes = new Map<number, Subscription>();
  private nextWish = 1;
  private subscribed = emptyWanted();
  private readonly listeners = new Map<LiveEventName, Set<(payload: unknown) => void>>();
  private readonly refusalListeners = new Set<() => void>();

  /** (Re)connects, authenticated when `token` is given (portfolio events need it). */
  connect(token: string | null): void {
    const previous = this.socket;
    previous?.removeAllListeners();
    previous?.disconnect();
    liveState.set('connecting');
    const socket = io({ auth: token ? { token } : {}, transports: ['websocket', 'polling'] });
    this.socket = socket;
    socket.on('connect', () => {
      liveState.set('live');
      if (!socket.recovered) this.subscribed = emptyWanted();
      this.sync();
    });
    socket.on('disconnect', () => liveState.set(socket.active ? 'connecting' : 'offline'));
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      liveState.set(socket.active ? 'connecting' : 'offline');
      // The gateway refuses a bad or expired token outright (never downgrades it to anonymous).
      if (token && error.data?.code === 'UNAUTHORIZED' && error.message.startsWith('auth.token')) {
        for (const listener of this.refusalListeners) listener();
      }
    });
    for (const name of EVENT_NAMES) {
      socket.on(name, (payload: unknown) => {
        for (const listener of this.listeners.get(name) ?? []) listener(payload);
      });
    }
  }

  /** Calls `listener` when the gateway refuses the token (the session is over: sign out). */
  onTokenRefused(listener: () => void): void {
    this.refusalListeners.add(listener);
  }

  /** Registers a wish; returns its withdrawal. */
  want(subscription: Subscription): () => void {
    const id = this.nextWish++;
    this.wishes.set(id, subscription);
    this.sync();
    return () => {
      this.wishes.delete(id);
      this.sync();
    };
  }

  /** Calls `listener` for every `event`; returns the unsubscription. */
  on<E extends LiveEventName>(event: E, listener: (payload: LiveEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  private sync(): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    const wanted = emptyWanted();
    for (const wish of this.wishes.values()) {
      for (const symbol of wish.symbols ?? []) wanted.symbols.add(symbol);
      wanted.top10 ||= wish.top10 === true;
      wanted.portfolio ||= wish.portfolio === true;
    }
    const had = this.subscribed;
    const add: Subscription = { symbols: [...wanted.symbols].filter((s) => !had.symbols.has(s)) };
    const drop: Subscription = { symbols: [...had.symbols].filter((s) => !wanted.symbols.has(s)) };
    if (wanted.top10 && !had.top10) add.top10 = true;
    if (!wanted.top10 && had.top10) drop.top10 = true;
    if (wanted.portfolio && !had.portfolio) add.portfolio = true;
    if (!wanted.portfolio && had.portfolio) drop.portfolio = true;
    this.subscribed = wanted;
    if (add.symbols?.length || add.top10 || add.portfolio) socket.emit('subscribe', add, logRefusal);
    if (drop.symbols?.length || drop.top10 || drop.portfolio) socket.emit('unsubscribe', drop, logRefusal);
  }
}

function logRefusal(ack: SubscriptionAck | undefined): void {
  if (ack && !ack.ok) console.warn(`live subscription refused: ${ack.error}`);
}

/** The page's live connection. */
export const live = new LiveConnection();

/** Keeps `subscription` subscribed while the component is mounted. */
export function useLiveSubscription(subscription: Subscription): void {
  const key = JSON.stringify(subscription);
  useEffect(() => live.want(subscription), [key]);
}

/** Calls the latest `handler` for every `event` while the component is mounted. */
export function useLiveEvent<E extends LiveEventName>(
  event: E,
  handler: (payload: LiveEvents[E]) => void,
): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => live.on(event, (payload) => latest.current(payload)), [event]);
}

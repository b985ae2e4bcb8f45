import { BlockList, isIP } from 'node:net';
import type { Socket } from 'socket.io';

/** Limits of the Socket.IO endpoint. */
export interface SocketLimitOptions {
  /** Open connections one client address may hold at once (0: no cap). */
  connectionsPerAddress: number;
  /** Messages (subscribe, unsubscribe, anything) one connection may send per window. */
  messagesPerWindow: number;
  /** The message window, in milliseconds. */
  windowMs: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimitOptions = {
  connectionsPerAddress: 20,
  messagesPerWindow: 30,
  windowMs: 10_000,
};

/** The error a refused handshake reports (`connect_error` on the client, `data.code` says why). */
export class SocketLimitError extends Error {
  override name = 'SocketLimitError';
  readonly data = { code: 'TOO_MANY_CONNECTIONS' };
}

/**
 * The client address of a handshake, read as Fastify reads a request's (`TRUST_PROXY`): without
 * trusted proxies the peer address; with `true`, the first X-Forwarded-For entry; with a list of
 * proxy addresses/CIDRs, the right-most X-Forwarded-For entry that is not one of them (entries a
 * client wrote itself, to the left of what the trusted proxies appended, are ignored).
 */
export function handshakeAddress(
  peer: string,
  forwardedFor: string | string[] | undefined,
  trustProxy: boolean | string[],
): string {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter((part) => isIP(part) !== 0);
  if (trustProxy === false || forwarded.length === 0) return peer;
  if (trustProxy === true) return forwarded[0] as string;
  const trusted = trustList(trustProxy);
  const hops = [peer, ...forwarded.reverse()];
  for (const hop of hops) if (!isTrusted(trusted, hop)) return hop;
  return hops[hops.length - 1] as string;
}

function trustList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (!address || isIP(address) === 0) continue;
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  const family = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
  return list.check(plain, family) || list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Per-address connection cap and per-connection message rate of the Socket.IO endpoint, in this
 * process. A connection is counted from its handshake until its transport closes. A message past
 * the rate is dropped; if it asked for an acknowledgement, the ack says why (`ok: false`), and a
 * connection that keeps sending at three times the rate is disconnected.
 */
export class SocketLimits {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly options: SocketLimitOptions,
    private readonly trustProxy: boolean | string[],
  ) {}

  /** Open connections of `address` (for tests and metrics). */
  connectionsOf(address: string): number {
    return this.open.get(address) ?? 0;
  }

  /** The address a socket is counted under. */
  addressOf(socket: Socket): string {
    return handshakeAddress(
      socket.handshake.address,
      socket.handshake.headers['x-forwarded-for'],
      this.trustProxy,
    );
  }

  /** Whether `address` may open one more connection now. */
  hasRoom(address: string): boolean {
    const cap = this.options.connectionsPerAddress;
    return cap === 0 || this.connectionsOf(address) < cap;
  }

  /**
   * Counts `socket` against its address until its transport closes, and installs the message rate.
   * Returns false (and counts nothing) when the address is at its cap. Call it synchronously right
   * before accepting the socket, so that concurrent handshakes cannot overshoot the cap.
   */
  admit(socket: Socket): boolean {
    const address = this.addressOf(socket);
    if (!this.hasRoom(address)) return false;
    const connection = socket.conn;
    if (connection.readyState === 'closed') return true; // gone already: Socket.IO will not connect it
    this.open.set(address, this.connectionsOf(address) + 1);
    connection.once('close', () => {
      const left = this.connectionsOf(address) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
    this.limitMessages(socket);
    return true;
  }

  private limitMessages(socket: Socket): void {
    const { messagesPerWindow, windowMs } = this.options;
    let windowStartedAt = 0;
    let count = 0;
    socket.use((packet, next) => {
      const now = Date.now();
      if (now - windowStartedAt >= windowMs) {
        windowStartedAt = now;
        count = 0;
      }
      count += 1;
      if (count <= messagesPerWindow) {
        next();
        return;
      }
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') {
        ack({
          ok: false,
          error: `Too many messages: at most ${messagesPerWindow} every ${windowMs / 1000} s per connection`,
        });
      }
      if (count > 3 * messagesPerWindow) socket.disconnect(true);
    });
  }
}

import type { Server } from 'socket.io';

// A broadcast to N clients costs N times Engine.IO's per-connection write path: a packet object and
// a `packetCreate` event, the connection's write buffer, two `flush` and two `drain` events, the
// transport's `writable` flag, and ws's `sendFrame` with a corked pair of writes (frame header, then
// payload) and a completion callback — about 4 µs of server CPU per client here, beside the kernel's
// loopback write. Socket.IO already frames a broadcast once (`wsPreEncodedFrame`) and Engine.IO hands
// those bytes to ws's `sendFrame` as they are; when nothing else is queued on a connection, this
// module does that hand-over directly, with the frame's two parts joined once per broadcast, and
// keeps Engine.IO's path for everything else: packets with a callback (acks), a transport that is
// still busy with an earlier batch or is not a WebSocket, a connection with queued packets (so order
// is kept) and a socket whose buffer is over its high-water mark (a slow reader: its backlog then
// builds in Engine.IO's queue, where the SlowClientSweeper looks for it).

/** What a broadcast puts in the packet options: ws's frame of the whole packet, header and payload. */
interface BroadcastOptions {
  wsPreEncodedFrame?: Buffer[];
  /** The two parts joined, once per broadcast (the options object is shared by its recipients). */
  joinedFrame?: Buffer;
}

/** The parts of an Engine.IO connection this module reads (Engine.IO does not type them). */
interface EngineConnection {
  readyState: string;
  writeBuffer: unknown[];
  transport: {
    name: string;
    writable: boolean;
    perMessageDeflate: unknown;
    socket?: {
      readyState: number;
      _socket?: { writableNeedDrain: boolean };
      _sender?: { sendFrame(list: Buffer[], cb?: (error?: Error) => void): void };
    };
  };
  write(data: unknown, options?: unknown, callback?: unknown): unknown;
}

/** ws's `WebSocket.OPEN`. */
const WS_OPEN = 1;

/**
 * Writes pre-framed broadcasts straight to each WebSocket connection of `server` that is idle, as
 * described above. Call once, before clients connect; connections made earlier keep the default
 * path. Returns a function that stops applying it to new connections.
 */
export function useDirectFrameWrites(server: Server): () => void {
  const onConnection = (connection: EngineConnection) => {
    const write = connection.write;
    connection.write = function directFrameWrite(data, options, callback) {
      if (callback === undefined && writeFrame(connection, options as BroadcastOptions | undefined))
        return connection;
      return write.call(connection, data, options, callback);
    };
  };
  server.engine.on('connection', onConnection);
  return () => server.engine.off('connection', onConnection);
}

/** Writes the broadcast's frame if the connection can take it now; false leaves it to Engine.IO. */
function writeFrame(connection: EngineConnection, options: BroadcastOptions | undefined): boolean {
  const frame = options?.wsPreEncodedFrame;
  if (!options || !frame || connection.readyState !== 'open' || connection.writeBuffer.length > 0)
    return false;
  const transport = connection.transport;
  if (transport.name !== 'websocket' || !transport.writable || transport.perMessageDeflate) return false;
  const ws = transport.socket;
  if (ws?.readyState !== WS_OPEN || ws._sender === undefined || ws._socket === undefined) return false;
  if (ws._socket.writableNeedDrain) return false;
  options.joinedFrame ??= frame.length === 1 ? (frame[0] as Buffer) : Buffer.concat(frame);
  ws._sender.sendFrame([options.joinedFrame]);
  return true;
}

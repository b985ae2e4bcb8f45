import type { LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';

/**
 * Contexts of Nest's own start-up chatter (modules loaded, routes mapped): written at `debug`, so
 * an `info` log shows what the application does, not how the framework wired it.
 */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
  'WebSocketsController',
]);

/**
 * Nest's logger routed through pino: every line Nest or a `new Logger(context)` writes comes out as
 * one JSON object (with `context`) on the same stream, with the same redaction, as the request logs.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    const { context } = split(params);
    const level = context !== undefined && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info';
    this.pino[level](fields(context), text(message));
  }

  error(message: unknown, ...params: unknown[]): void {
    const { context, rest } = split(params);
    // Nest passes (message, stack, context); a logged Error carries its own stack.
    const stack =
      typeof rest[0] === 'string' ? rest[0] : message instanceof Error ? message.stack : undefined;
    this.pino.error({ ...fields(context), ...(stack ? { stack } : {}) }, text(message));
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.pino.warn(fields(split(params).context), text(message));
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.pino.debug(fields(split(params).context), text(message));
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.pino.trace(fields(split(params).context), text(message));
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.pino.fatal(fields(split(params).context), text(message));
  }
}

/** Nest appends the context as the last string argument. */
function split(params: unknown[]): { context: string | undefined; rest: unknown[] } {
  const last = params.at(-1);
  return typeof last === 'string'
    ? { context: last, rest: params.slice(0, -1) }
    : { context: undefined, rest: params };
}

function fields(context: string | undefined): Record<string, unknown> {
  return context === undefined ? {} : { context };
}

function text(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  return JSON.stringify(message);
}

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { type JobsConfig, jobsEnvShape, toJobsConfig } from '../jobs/jobs.config.js';
import { DEFAULT_SOCKET_LIMITS, type SocketLimitOptions } from '../realtime/socket-limits.js';

const urlWithProtocol = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

/** A whole number ≥ `min` written in digits (z.coerce would read a blank value as 0). */
const wholeNumber = (min: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number ≥ ${min}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be a whole number ≥ ${min}`))
    .or(z.number().int().min(min));

/** Environment variables the server reads, validated at start-up. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Digits only: z.coerce.number would read a blank PORT= as 0, a random port nobody can find.
  PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a port number (0–65535)')
    .default('3000')
    .transform(Number)
    .pipe(z.number().max(65_535, 'must be a port number (0–65535)')),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: urlWithProtocol(['postgres', 'postgresql']).optional(),
  REDIS_URL: urlWithProtocol(['redis', 'rediss']).optional(),
  // `csv` is the deprecated name of `folder` (the data-folder loader reads what CsvProvider read, and more).
  DATA_PROVIDER: z.enum(['synthetic', 'yahoo', 'alphavantage', 'folder', 'csv']).default('synthetic'),
  MARKET_DATA_DIR: z.string().trim().min(1).optional(),
  /** Deprecated alias of MARKET_DATA_DIR. */
  CSV_DIR: z.string().trim().min(1).optional(),
  AS_OF: z
    .string()
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v), {
      message: 'must be a calendar date YYYY-MM-DD',
    })
    .optional(),
  ALPHA_VANTAGE_API_KEY: z.string().trim().min(1).optional(),
  SYNTHETIC_SEED: z.coerce.number().int().default(42),
  SYNTHETIC_SYMBOLS: z.coerce.number().int().min(1).max(20_000).default(467),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes for AES-256-GCM)')
    .optional(),
  FORECAST_MODE: z.enum(['off', 'fast', 'full']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(100),
  // 0 = no cap, e.g. for a load test that opens thousands of connections from one host.
  SOCKET_CONNECTIONS_PER_ADDRESS: wholeNumber(0).default(DEFAULT_SOCKET_LIMITS.connectionsPerAddress),
  SOCKET_MESSAGES_PER_10S: wholeNumber(1).default(DEFAULT_SOCKET_LIMITS.messagesPerWindow),
  CORS_ORIGIN: z
    .string()
    .trim()
    .refine((v) => v.split(',').every((o) => /^https?:\/\/[^/\s]+$/.test(o.trim())), {
      message: 'must be a comma-separated list of origins like https://app.example.com',
    })
    .optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (v) => v === 'false' || v === 'true' || v.split(',').every((a) => /^[\d.:a-fA-F/]+$/.test(a.trim())),
      {
        message: 'must be false, true, or a comma-separated list of proxy addresses/CIDRs',
      },
    )
    .default('false'),
  /** Days the time-series tables (stock_metrics, user_activity, model_performance) keep their rows. */
  METRICS_RETENTION_DAYS: wholeNumber(1).default(400),
  /** Months of history the track record replays at start-up (synthetic and folder providers); 0 = none. */
  REPLAY_MONTHS: wholeNumber(0).pipe(z.number().max(120, 'must be at most 120 (ten years)')).default(0),
  /** `false` turns off the user_activity rows of API requests (the benchmark's baseline). */
  RECORD_USER_ACTIVITY: z.enum(['true', 'false']).default('true'),
  ...jobsEnvShape,
});

/** Validated server configuration. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** Where market data comes from (`DATA_PROVIDER`; `csv` is read as `folder`). */
  dataProvider: 'synthetic' | 'yahoo' | 'alphavantage' | 'folder';
  /** The data folder (`MARKET_DATA_DIR`, or the deprecated `CSV_DIR`) of the `folder` provider, as given. */
  marketDataDir?: string;
  /** Point in time of the `folder` provider (`AS_OF`, YYYY-MM-DD); default: the folder's latest date. */
  asOf?: string;
  alphaVantageApiKey?: string;
  syntheticSeed: number;
  /** Size of the synthetic universe (the concept's 467 by default). */
  syntheticSymbols: number;
  /** Price forecasts: off, fast (XGBoost + ARIMA) or full (all four models). */
  forecastMode: 'off' | 'fast' | 'full';
  jwtSecret: string;
  encryptionKey: Buffer;
  logLevel: string;
  rateLimitPerMinute: number;
  /** Socket.IO connections per client address (0: no cap) and messages per connection per 10 s. */
  socketLimits: SocketLimitOptions;
  /** Origins allowed to call the API from a browser (CORS); none when unset. */
  corsOrigins?: string[];
  /** Fastify `trustProxy`: false, true, or the trusted proxy addresses (for X-Forwarded-For). */
  trustProxy: boolean | string[];
  /** Rhythm of the live updates, queues and workers (`src/jobs`). */
  jobs: JobsConfig;
  /** Days the time-series tables keep their rows (`METRICS_RETENTION_DAYS`, default 400). */
  metricsRetentionDays: number;
  /** Months the track record replays at start-up (`REPLAY_MONTHS`, 0 = none). */
  replayMonths: number;
  /** Whether API requests are recorded in user_activity (`RECORD_USER_ACTIVITY`, default true). */
  recordUserActivity: boolean;
  /** Notes for the start-up log (e.g. generated development secrets). */
  notices: string[];
}

/** A bad environment: one line per bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads and validates the configuration. In production JWT_SECRET and ENCRYPTION_KEY are required;
 * elsewhere, missing ones are generated once and kept in DATA_DIR/dev-secrets.json (mode 0600) so
 * tokens and encrypted fields survive a restart of a development server.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production') {
    if (!e.JWT_SECRET) problems.push('JWT_SECRET: required in production (at least 32 characters)');
    if (!e.ENCRYPTION_KEY) problems.push('ENCRYPTION_KEY: required in production (64 hex characters)');
  }
  const dataProvider = e.DATA_PROVIDER === 'csv' ? 'folder' : e.DATA_PROVIDER;
  const marketDataDir = e.MARKET_DATA_DIR ?? e.CSV_DIR;
  if (dataProvider === 'folder' && !marketDataDir) {
    problems.push(
      `MARKET_DATA_DIR: required when DATA_PROVIDER=${e.DATA_PROVIDER} (the data folder; CSV_DIR is its deprecated alias)`,
    );
  } else if (dataProvider === 'folder' && marketDataDir && !isFolder(marketDataDir)) {
    const variable = e.MARKET_DATA_DIR ? 'MARKET_DATA_DIR' : 'CSV_DIR';
    problems.push(`${variable}: "${marketDataDir}" is not a folder (resolved: ${resolve(marketDataDir)})`);
  }
  if (e.MARKET_DATA_DIR && e.CSV_DIR && resolve(e.MARKET_DATA_DIR) !== resolve(e.CSV_DIR)) {
    problems.push(
      `CSV_DIR: deprecated alias of MARKET_DATA_DIR, set to another folder ("${e.CSV_DIR}" vs "${e.MARKET_DATA_DIR}"); remove it`,
    );
  }
  if (e.AS_OF && dataProvider !== 'folder') {
    problems.push(
      `AS_OF: only the folder provider can score as of a date (DATA_PROVIDER=${e.DATA_PROVIDER})`,
    );
  }
  if (e.REPLAY_MONTHS > 0 && dataProvider !== 'synthetic' && dataProvider !== 'folder') {
    problems.push(
      `REPLAY_MONTHS: only a provider with its history at hand (synthetic, folder) can be replayed (DATA_PROVIDER=${e.DATA_PROVIDER})`,
    );
  }
  if (e.DATA_PROVIDER === 'alphavantage' && !e.ALPHA_VANTAGE_API_KEY) {
    problems.push('ALPHA_VANTAGE_API_KEY: required when DATA_PROVIDER=alphavantage');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(e.DATA_DIR);
  const notices: string[] = [];
  const secrets = e.JWT_SECRET && e.ENCRYPTION_KEY ? undefined : developmentSecrets(dataDir, notices);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataProvider,
    marketDataDir: dataProvider === 'folder' ? marketDataDir : undefined,
    asOf: e.AS_OF,
    alphaVantageApiKey: e.ALPHA_VANTAGE_API_KEY,
    syntheticSeed: e.SYNTHETIC_SEED,
    syntheticSymbols: e.SYNTHETIC_SYMBOLS,
    // Tests start many servers: no background training unless a test asks for it.
    forecastMode: e.FORECAST_MODE ?? (e.NODE_ENV === 'test' ? 'off' : 'fast'),
    jwtSecret: e.JWT_SECRET ?? (secrets?.jwtSecret as string),
    encryptionKey: Buffer.from(e.ENCRYPTION_KEY ?? (secrets?.encryptionKey as string), 'hex'),
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    socketLimits: {
      ...DEFAULT_SOCKET_LIMITS,
      connectionsPerAddress: e.SOCKET_CONNECTIONS_PER_ADDRESS,
      messagesPerWindow: e.SOCKET_MESSAGES_PER_10S,
    },
    corsOrigins: e.CORS_ORIGIN?.split(',').map((origin) => origin.trim()),
    trustProxy:
      e.TRUST_PROXY === 'false'
        ? false
        : e.TRUST_PROXY === 'true'
          ? true
          : e.TRUST_PROXY.split(',').map((a) => a.trim()),
    jobs: toJobsConfig(e),
    metricsRetentionDays: e.METRICS_RETENTION_DAYS,
    replayMonths: e.REPLAY_MONTHS,
    recordUserActivity: e.RECORD_USER_ACTIVITY === 'true',
    notices,
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `YYYY-MM-DD` names a real day (2024-02-30 does not). */
function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function developmentSecrets(
  dataDir: string,
  notices: string[],
): { jwtSecret: string; encryptionKey: string } {
  const file = join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) {
    notices.push(`using development secrets from ${file} (set JWT_SECRET and ENCRYPTION_KEY in production)`);
    return JSON.parse(readFileSync(file, 'utf8'));
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    encryptionKey: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  chmodSync(file, 0o600);
  notices.push(`generated development secrets in ${file} (set JWT_SECRET and ENCRYPTION_KEY in production)`);
  return secrets;
}

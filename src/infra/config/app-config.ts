import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const DEV_JWT_SECRET = 'dev-only-insecure-secret-change-me';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

/** Every setting of the service, read once from the environment and validated at boot. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mynews';

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key of this deployment; tests use one per run. */
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1..40 letters, digits, _ or -' })
  REDIS_PREFIX = 'mynews';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT = 9464;

  /** When set, GET /metrics (API and worker) needs `Authorization: Bearer <METRICS_TOKEN>`; unset, it is open. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TTL_DAYS = 30;

  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  ADMIN_PASSWORD?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_FAILURES_PER_EMAIL = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_FAILURES_PER_IP = 30;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000000)
  REGISTRATIONS_PER_IP_PER_HOUR = 300;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(10000)
  FEED_MAX_ITEMS = 800;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024)
  FEED_BUCKETS = 16;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(10000)
  FANOUT_CHUNK_SIZE = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  ACTIVE_DAYS = 14;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 4;

  /** Milliseconds between heartbeat comments on GET /v1/feed/stream (proxies drop silent connections). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300_000)
  FEED_STREAM_HEARTBEAT_MS = 15_000;

  /** Time constant of the ranked feed's decay: an article loses a factor e of weight per tau. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 86400)
  RANK_TAU_SECONDS = 4 * 3600;

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber()
  @Min(1)
  @Max(100)
  RANK_BREAKING_BOOST = 3;

  /** Read-time re-rank of a ranked feed (docs/ranking.md): this many best-stored entries are re-scored. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  RANK_RERANK_WINDOW = 200;

  /** An article the reader already opened loses this factor of weight in the re-rank. */
  @Transform(toNumber)
  @IsNumber()
  @Min(1)
  @Max(1000)
  RANK_OPENED_DEMOTION = 4;

  /** At most this many items in a row from one primary topic while another is available. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  RANK_DIVERSITY_MAX_RUN = 2;

  /** Seconds a re-ranked first page's order is kept for its cursor's later pages. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  RANK_SNAPSHOT_TTL_SECONDS = 3600;

  /** Topic affinities (log-space, 0 = the follow alone) halve towards 0 every this many hours. */
  @Transform(toNumber)
  @IsNumber()
  @Min(1)
  @Max(8760)
  RANK_AFFINITY_HALF_LIFE_HOURS = 14 * 24;

  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(5)
  RANK_AFFINITY_CAP = 0.7;

  @Transform(toNumber)
  @IsNumber()
  @Min(-5)
  @Max(0)
  RANK_AFFINITY_FLOOR = -1.2;

  /** What one event adds to each topic of its article, in log space. */
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(5)
  RANK_SIGNAL_OPEN = 0.1;

  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(5)
  RANK_SIGNAL_DWELL_PER_MINUTE = 0.1;

  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1440)
  RANK_SIGNAL_DWELL_MAX_MINUTES = 5;

  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(5)
  RANK_SIGNAL_SAVE = 0.3;

  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(5)
  RANK_SIGNAL_SHARE = 0.4;

  @Transform(toNumber)
  @IsNumber()
  @Min(-5)
  @Max(0)
  RANK_SIGNAL_LESS_LIKE_THIS = -0.6;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  /** A request whose headers and body have not all arrived within this many ms is cut off with 408. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  REQUEST_TIMEOUT_MS = 30_000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config, { skipMissingProperties: false }).map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`,
  );
  if (config.isProduction && !env.JWT_SECRET) problems.push('JWT_SECRET: is required when NODE_ENV=production');
  if (config.isProduction && config.JWT_SECRET === DEV_JWT_SECRET) problems.push('JWT_SECRET: must not be the dev default in production');
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return config;
}

import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
} from 'class-validator';
// The one password rule (registration, user:create, ADMIN_PASSWORD) is the accounts' own.
import { passwordProblem } from '../../auth/password-policy';
import { type ClusterNodes, parseClusterNodes } from '../redis/cluster-nodes';
import { secretWeakness } from './secret-strength';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';

const DEV_JWT_SECRET = 'dev-only-insecure-secret-change-me';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
// An invalid value is left as it is, for the validator below to name.
const toTrustProxy = ({ value }: { value: unknown }): unknown =>
  value === undefined || value === '' ? undefined : typeof value === 'string' ? (parseTrustProxy(value) ?? value) : value;
const toNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Every setting of the service, read once from the environment and validated at boot. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mynews';

  /** A read replica of DATABASE_URL: the fan-out's follower scans and feed rebuilds read there when set. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_REPLICA_URL?: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Seed nodes of a Redis Cluster (`host:port,...` or redis:// URLs); when set, every Redis use goes there, not to REDIS_URL. */
  @IsOptional()
  @ValidateBy({
    name: 'clusterNodes',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && typeof parseClusterNodes(value) !== 'string',
      defaultMessage: (args) =>
        `${typeof args?.value === 'string' ? (parseClusterNodes(args.value) as string) : 'must be a string'} (expected host:port,host:port,...)`,
    },
  })
  REDIS_CLUSTER_NODES?: string;

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

  /** When set, GET /metrics (API and worker) needs `Authorization: Bearer <METRICS_TOKEN>`; unset (not in production), it is open. */
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

  /** Failed logins for one email from one address within the window before that address gets 429 for it. */
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

  /** Failed logins for one email from all addresses within the window after which its logins are slowed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  LOGIN_EMAIL_SLOWDOWN_AFTER = 20;

  /** How long each login of such an email waits before its password is checked (slowed, never blocked). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  LOGIN_EMAIL_SLOWDOWN_MS = 2000;

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

  /** Followers of an article whose chunks the plan job writes itself, as it cuts them, before the rest go out as chunk jobs. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  FANOUT_INLINE_FOLLOWERS = 10_000;

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

  /** Open live streams per account, counted across API processes; one more answers 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  FEED_STREAM_MAX_PER_USER = 5;

  /** How often an open stream re-checks its login (logout, erasure, role change) and renews its slot. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  FEED_STREAM_RECHECK_MS = 30_000;

  /** Feed events (POST /v1/feed/events) an account may send per hour; a batch that would pass it is refused whole. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  EVENTS_PER_USER_PER_HOUR = 1000;

  /** Raw feed events are pruned after this many days; learned preferences and history stay. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  EVENTS_RETENTION_DAYS = 90;

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

  /**
   * Feeds and reader state of a reader who stops reading leave Redis after this many days (refreshed at least hourly
   * while they read). Unset: ACTIVE_DAYS; never more (loadConfig): past it a feed gets no fan-out and is rebuilt on
   * the reader's return, so keeping it only holds memory.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  FEED_IDLE_TTL_DAYS = 14;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The proxies in front of the API (see trust-proxy.ts); unset: X-Forwarded-For is ignored. */
  @Transform(toTrustProxy)
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (value: unknown) => value === false || typeof value === 'number' || Array.isArray(value),
      defaultMessage: () => `must be a hop count (0..32) or a comma-separated list of proxy addresses/CIDRs`,
    },
  })
  TRUST_PROXY: TrustProxy = false;

  /** The API's public base URL (e.g. https://news.example.org) when it differs from what requests are sent to. */
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'], require_tld: false }, { message: 'must be an http(s) URL' })
  PUBLIC_URL?: string;

  /** A request whose headers and body have not all arrived within this many ms is cut off with 408. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  REQUEST_TIMEOUT_MS = 30_000;

  /** Readers per alert chunk job (one INSERT … SELECT each). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(20_000)
  ALERT_CHUNK_SIZE = 2000;

  /** Web Push jobs in flight per worker process: each mostly waits on the push service; its two reads share the pool (20) with the chunks. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  PUSH_CONCURRENCY = 16;

  /** Web Push (VAPID) keys, base64url; outside production a pair is made once and kept in Postgres when unset. */
  @IsOptional()
  @IsString()
  VAPID_PUBLIC_KEY?: string;

  @IsOptional()
  @IsString()
  VAPID_PRIVATE_KEY?: string;

  /** A mailto: or https: contact for push services. */
  @IsOptional()
  @Matches(/^(mailto:|https:\/\/)\S+$/, { message: 'must be a mailto: or https: URL' })
  VAPID_SUBJECT?: string;

  /** Hosts a push endpoint may name (a leading `*.` for subdomains): the server never calls other hosts. */
  @IsString()
  PUSH_ALLOWED_HOSTS = 'fcm.googleapis.com,updates.push.services.mozilla.com,web.push.apple.com,*.notify.windows.com';

  /** The parsed REDIS_CLUSTER_NODES, or null for one Redis at REDIS_URL. */
  get redisCluster(): ClusterNodes | null {
    if (!this.REDIS_CLUSTER_NODES) return null;
    const parsed = parseClusterNodes(this.REDIS_CLUSTER_NODES);
    return typeof parsed === 'string' ? null : parsed;
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {}

// A guessed HS256 key signs any token; in production it must be random (see secret-strength.ts).
const PRODUCTION_SECRET_BITS = 256;

/** What production refuses that development allows. */
function productionProblems(config: AppConfig, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (!env.JWT_SECRET) problems.push('JWT_SECRET: is required when NODE_ENV=production');
  else if (config.JWT_SECRET === DEV_JWT_SECRET) problems.push('JWT_SECRET: must not be the dev default in production');
  else {
    const weakness = secretWeakness(config.JWT_SECRET, PRODUCTION_SECRET_BITS);
    if (weakness) problems.push(`JWT_SECRET: ${weakness}`);
  }
  if (!config.METRICS_TOKEN) problems.push('METRICS_TOKEN: is required when NODE_ENV=production (scrapers send it as a Bearer token)');
  return problems;
}

/** FEED_IDLE_TTL_DAYS may not exceed ACTIVE_DAYS (the setting's comment says why). */
function feedIdleTtlProblems(config: AppConfig): string[] {
  if (config.FEED_IDLE_TTL_DAYS <= config.ACTIVE_DAYS) return [];
  return [
    `FEED_IDLE_TTL_DAYS: must not exceed ACTIVE_DAYS (${config.ACTIVE_DAYS}): a feed idle longer gets no fan-out and is rebuilt when its reader returns`,
  ];
}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config, { skipMissingProperties: false }).map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`,
  );
  if (config.isProduction) problems.push(...productionProblems(config, env));
  if (raw.FEED_IDLE_TTL_DAYS === undefined) config.FEED_IDLE_TTL_DAYS = config.ACTIVE_DAYS;
  problems.push(...feedIdleTtlProblems(config));
  const adminPasswordProblem = config.ADMIN_PASSWORD === undefined ? undefined : passwordProblem(config.ADMIN_PASSWORD);
  if (adminPasswordProblem) problems.push(`ADMIN_PASSWORD: ${adminPasswordProblem}`);
  if (Boolean(config.VAPID_PUBLIC_KEY) !== Boolean(config.VAPID_PRIVATE_KEY))
    problems.push('VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY: set both or neither');
  if (config.isProduction && config.VAPID_PUBLIC_KEY && !config.VAPID_SUBJECT)
    problems.push('VAPID_SUBJECT: is required with VAPID keys in production');
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return config;
}

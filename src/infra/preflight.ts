import { Client } from 'pg';
import type { AppConfig } from './config/app-config';
import { postgresAdmin } from './database/postgres-admin.repository';
import type { ClusterNodes } from './redis/cluster-nodes';
import { createRedis } from './redis/redis';
import { addressOf, describeUnreachable, isUnreachable, StartupError } from './startup-error';

// Short, so a host that drops packets is reported in seconds rather than after the OS gives up.
const CHECK_TIMEOUT_MS = 3000;

interface ErrorLike {
  code?: string;
  message?: string;
}

/** Checks Postgres and/or Redis answer; throws one StartupError naming each that does not, and how to fix it. */
export async function ensureReachable(config: AppConfig, which: { postgres: boolean; redis: boolean }): Promise<void> {
  const problems = await Promise.all([
    which.postgres ? checkPostgres(config.DATABASE_URL) : null,
    which.redis ? (config.redisCluster ? checkRedisCluster(config.redisCluster) : checkRedis(config.REDIS_URL)) : null,
  ]);
  const found = problems.filter((p): p is string => p !== null);
  if (found.length) throw new StartupError(found.join('\n'));
}

/** Connects to the server's maintenance database (the app's own may not exist yet). */
export async function checkPostgres(url: string): Promise<string | null> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: CHECK_TIMEOUT_MS });
  client.on('error', () => undefined);
  const started = Date.now();
  try {
    await client.connect();
    await postgresAdmin.ping(client);
    return null;
  } catch (error) {
    const err = error as ErrorLike;
    // pg reports its own connect timeout as "Connection terminated unexpectedly", without a code.
    if (!err.code && Date.now() - started >= CHECK_TIMEOUT_MS - 100) return describeUnreachable('postgres', url, { code: 'ETIMEDOUT' });
    if (isUnreachable(err)) return describeUnreachable('postgres', url, err);
    const at = addressOf('postgres', url);
    if (err.code === '28P01' || err.code === '28000') {
      return `PostgreSQL at ${at} refused the login (${err.message}). Check the user and password in DATABASE_URL.`;
    }
    return `PostgreSQL at ${at} (DATABASE_URL) answered with an error: ${err.message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A cluster is reachable when one of its seed nodes answers (the client learns the others from it). */
export async function checkRedisCluster(cluster: ClusterNodes): Promise<string | null> {
  const scheme = cluster.tls ? 'rediss' : 'redis';
  const auth = cluster.password ? `${encodeURIComponent(cluster.username ?? '')}:${encodeURIComponent(cluster.password)}@` : '';
  const problems = await Promise.all(
    cluster.nodes.map(({ host, port }) => checkRedis(`${scheme}://${auth}${host.includes(':') ? `[${host}]` : host}:${port}`)),
  );
  if (problems.some((p) => p === null)) return null;
  return `No seed node of the Redis Cluster (REDIS_CLUSTER_NODES) answers. ${problems[0]}`;
}

export async function checkRedis(url: string): Promise<string | null> {
  const redis = createRedis(
    url,
    {
      lazyConnect: true,
      connectTimeout: CHECK_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    },
    { logErrors: false },
  );
  // The socket's error (ECONNREFUSED...) comes as an event; connect() itself only says "Connection is closed".
  let socketError: ErrorLike | undefined;
  redis.on('error', (error: ErrorLike) => void (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    const err = socketError ?? (error as ErrorLike);
    const at = addressOf('redis', url);
    if (/Unknown RESP type|Protocol error/i.test(String(err.message)))
      return `Something answers at ${at} (REDIS_URL), but it is not Redis.`;
    if (/NOAUTH|WRONGPASS/.test(String(err.message))) {
      return `Redis at ${at} refused the client (${err.message}). Put the password in REDIS_URL: redis://:password@host:port.`;
    }
    if (isUnreachable(err) || /connect|closed/i.test(String(err.message))) return describeUnreachable('redis', url, err);
    return `Redis at ${at} (REDIS_URL) answered with an error: ${err.message}`;
  } finally {
    // A client that gave up is closed already; disconnect() would arm ioredis's 2 s close timer for nothing.
    if (redis.status !== 'end') redis.disconnect();
  }
}

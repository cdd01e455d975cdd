import { Logger } from '@nestjs/common';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { ClusterNodes } from './cluster-nodes';

/** One Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES): every key-level command works on both. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: the two settings of AppConfig that say so. */
export interface RedisTarget {
  REDIS_URL: string;
  readonly redisCluster: ClusterNodes | null;
}

// A paused or unreachable Redis must fail a request fast (503 within the contract's 5 s), not hold it.
const COMMAND_TIMEOUT_MS = 2500;
const CONNECT_TIMEOUT_MS = 2000;
const ERROR_LOG_INTERVAL_MS = 10_000;

const logger = new Logger('redis');

/**
 * Logs a client's `error` events through the app's JSON logger, at most once per interval (a
 * Redis outage emits one per reconnect attempt). Without a listener ioredis prints raw stack
 * traces to stderr, outside the log.
 */
export function logRedisErrors(client: { on(event: 'error', listener: (error: Error) => void): unknown }, name = 'client'): void {
  let lastLoggedAt = 0;
  let suppressed = 0;
  client.on('error', (error: Error & { code?: string }) => {
    const now = Date.now();
    if (now - lastLoggedAt < ERROR_LOG_INTERVAL_MS) {
      suppressed++;
      return;
    }
    logger.error(
      { err: { type: error.name, message: error.message, code: error.code }, client: name, suppressed },
      'redis connection error',
    );
    lastLoggedAt = now;
    suppressed = 0;
  });
}

/**
 * A client for REDIS_URL (host, port, password and /db index all honoured), its errors logged
 * unless the caller reports them itself (`logErrors: false`, the start-up check).
 */
export function createRedis(
  url: string,
  extra: RedisOptions = {},
  { name, logErrors = true }: { name?: string; logErrors?: boolean } = {},
): Redis {
  const client = new Redis(url, { ...NODE_OPTIONS, ...extra });
  if (logErrors) logRedisErrors(client, name);
  return client;
}

const NODE_OPTIONS: RedisOptions = { maxRetriesPerRequest: 2, commandTimeout: COMMAND_TIMEOUT_MS, connectTimeout: CONNECT_TIMEOUT_MS };

/**
 * THE factory of the app's Redis clients: a Cluster when REDIS_CLUSTER_NODES is set, else one Redis at REDIS_URL.
 * `extra` applies to every node's connection; `cluster` adds Cluster-only options (e.g. shardedSubscribers).
 */
export function createRedisClient(
  target: RedisTarget,
  extra: RedisOptions = {},
  { name, logErrors = true, cluster: clusterExtra = {} }: { name?: string; logErrors?: boolean; cluster?: Partial<ClusterOptions> } = {},
): RedisClient {
  const seeds = target.redisCluster;
  if (!seeds) return createRedis(target.REDIS_URL, extra, { name, logErrors });
  const client = new Cluster(seeds.nodes, {
    redisOptions: {
      ...NODE_OPTIONS,
      ...(seeds.username ? { username: seeds.username } : {}),
      ...(seeds.password ? { password: seeds.password } : {}),
      ...(seeds.tls ? { tls: {} } : {}),
      ...extra,
    },
    slotsRefreshTimeout: CONNECT_TIMEOUT_MS,
    // A managed cluster's TLS certificate names its hosts: connect by name, not by a resolved address.
    ...(seeds.tls ? { dnsLookup: (address: string, callback: (err: null, address: string) => void) => callback(null, address) } : {}),
    ...clusterExtra,
  });
  if (logErrors) logRedisErrors(client, name);
  return client;
}

export const isCluster = (client: RedisClient): client is Cluster => client instanceof Cluster;

/**
 * The servers holding the keys: every master of a cluster (SCAN, KEYS, FLUSH and INFO only see the node they run
 * on), or the one Redis. Waits for a cluster's slot map first.
 */
export async function mastersOf(client: RedisClient): Promise<Redis[]> {
  if (!isCluster(client)) return [client];
  await client.ping();
  return client.nodes('master');
}

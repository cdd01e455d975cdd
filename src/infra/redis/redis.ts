import { Redis, type RedisOptions } from 'ioredis';

/** A client for REDIS_URL (host, port, password and /db index all honoured). */
export function createRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2, ...extra });
}

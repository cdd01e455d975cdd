import { Logger } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';

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
  const client = new Redis(url, {
    maxRetriesPerRequest: 2,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    ...extra,
  });
  if (logErrors) logRedisErrors(client, name);
  return client;
}

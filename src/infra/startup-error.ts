import { ConfigError, loadConfig } from './config/app-config';

/** Start-up failures an operator can act on get one clear line, not a stack trace. */
export function exitWithStartupError(error: unknown): never {
  const err = error as { code?: string; message?: string; address?: string; port?: number };
  if (error instanceof ConfigError) {
    console.error(err.message);
  } else if (err?.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(String(err?.message))) {
    console.error(describeUnreachable(err));
  } else {
    console.error('myNEWS failed to start:', error);
  }
  process.exit(1);
}

function describeUnreachable(err: { message?: string; address?: string; port?: number }): string {
  let config;
  try {
    config = loadConfig();
  } catch {
    return `A dependency refused the connection: ${err.message}`;
  }
  const pg = new URL(config.DATABASE_URL);
  const redis = new URL(config.REDIS_URL);
  const isRedis = String(err.port ?? '') === (redis.port || '6379') || /redis/i.test(String(err.message));
  return isRedis
    ? `Redis is not reachable at ${redis.host} (REDIS_URL). Start it with "docker compose up -d redis" ` +
        `or locally: redis-server --daemonize yes --port ${redis.port || 6379}`
    : `PostgreSQL is not reachable at ${pg.host} (DATABASE_URL). Start it with "docker compose up -d postgres" ` +
        `or locally: pg_ctlcluster <version> main start`;
}

import { ConfigError, loadConfig } from './config/app-config';

export type Dependency = 'postgres' | 'redis';

interface NetError {
  code?: string;
  message?: string;
  address?: string;
  port?: number;
  hostname?: string;
  errors?: NetError[];
}

const NETWORK_CODES = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'];
// pg reports its connectionTimeoutMillis (and a dropped connection) without an error code; ioredis gives up with this message.
const PG_TIMEOUT = /timeout expired|connection timeout|Connection terminated unexpectedly/i;
const REDIS_GAVE_UP = /max retries per request/i;

/** A failure the operator can fix (e.g. an unreachable dependency), already worded for them. */
export class StartupError extends Error {}

/** Start-up failures an operator can act on get one clear line, not a stack trace. */
export function exitWithStartupError(error: unknown): never {
  const err = error as NetError;
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(err.message);
  } else if (isUnreachable(err)) {
    console.error(describeStartupUnreachable(err));
  } else {
    console.error('myNEWS failed to start:', error);
  }
  process.exit(1);
}

export function isUnreachable(err: NetError | undefined): boolean {
  const message = String(err?.message);
  return (
    NETWORK_CODES.includes(String(err?.code)) ||
    NETWORK_CODES.some((code) => message.includes(code)) ||
    PG_TIMEOUT.test(message) ||
    REDIS_GAVE_UP.test(message)
  );
}

/** "PostgreSQL is not reachable at host:port (DATABASE_URL): why. What to do." */
export function describeUnreachable(dependency: Dependency, url: string, error: NetError): string {
  const target = new URL(url);
  const host = addressOf(dependency, url);
  const { name, variable, start } = DEPENDENCIES[dependency];
  const err = error.errors?.[0] ?? error;
  const code = String(error.code ?? err.code ?? NETWORK_CODES.find((c) => String(error.message).includes(c)) ?? '');
  const lookupHost = err.hostname ?? target.hostname;
  switch (code) {
    case 'ENOTFOUND':
      return `${name} is not reachable at ${host} (${variable}): the host name "${lookupHost}" does not resolve (ENOTFOUND). Check the host in ${variable}.`;
    case 'EAI_AGAIN':
      return `${name} is not reachable at ${host} (${variable}): looking up "${lookupHost}" failed for now (EAI_AGAIN, DNS unavailable). Check the network and the host in ${variable}.`;
    case 'ECONNREFUSED':
      return `${name} is not reachable at ${host} (${variable}): connection refused, nothing listens there. ${start}`;
    default: {
      const why =
        code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
          ? `no route to the host (${code})`
          : code === 'ETIMEDOUT'
            ? 'the connection timed out'
            : 'the connection timed out or was dropped';
      return `${name} is not reachable at ${host} (${variable}): ${why}. Check the host and port in ${variable} and that it runs. ${start}`;
    }
  }
}

/** host:port of a dependency's URL, the default port filled in. */
export function addressOf(dependency: Dependency, url: string): string {
  const target = new URL(url);
  return `${target.hostname}:${target.port || (dependency === 'redis' ? 6379 : 5432)}`;
}

const DEPENDENCIES: Record<Dependency, { name: string; variable: string; start: string }> = {
  postgres: {
    name: 'PostgreSQL',
    variable: 'DATABASE_URL',
    start:
      'Start it with "docker compose up -d postgres", or the local service: ' +
      '"sudo systemctl start postgresql" (Linux), "brew services start postgresql@16" (macOS).',
  },
  redis: {
    name: 'Redis',
    variable: 'REDIS_URL',
    start:
      'Start it with "docker compose up -d redis", or the local service: ' +
      '"sudo systemctl start redis-server" (Linux), "brew services start redis" (macOS), or "redis-server --daemonize yes".',
  },
};

function describeStartupUnreachable(err: NetError): string {
  let config;
  try {
    config = loadConfig();
  } catch {
    return `A dependency is not reachable: ${err.message}`;
  }
  const dependency = dependencyOf(err, config.DATABASE_URL, config.REDIS_URL);
  return describeUnreachable(dependency, dependency === 'redis' ? config.REDIS_URL : config.DATABASE_URL, err);
}

/** Which of the two an error of the network layer is about, by the host or port it names. */
export function dependencyOf(error: NetError, databaseUrl: string, redisUrl: string): Dependency {
  const err = error.errors?.[0] ?? error;
  const message = String(error.message);
  if (REDIS_GAVE_UP.test(message) || /redis/i.test(message)) return 'redis';
  if (PG_TIMEOUT.test(message)) return 'postgres';
  const pg = new URL(databaseUrl);
  const redis = new URL(redisUrl);
  const redisPort = redis.port || '6379';
  const pgPort = pg.port || '5432';
  if (err.port !== undefined && String(err.port) !== pgPort) return String(err.port) === redisPort ? 'redis' : 'postgres';
  if (err.hostname && err.hostname !== pg.hostname && err.hostname === redis.hostname) return 'redis';
  return 'postgres';
}

import { dependencyOf, describeUnreachable, isUnreachable } from './startup-error';

const PG = 'postgres://postgres@db.internal:5433/mynews';
const REDIS = 'redis://cache.internal:6380/2';

describe('describeUnreachable', () => {
  it('names the dependency, its address with the default port filled in, the variable and the way to start it', () => {
    const text = describeUnreachable('redis', 'redis://127.0.0.1', { code: 'ECONNREFUSED' });
    expect(text).toBe(
      'Redis is not reachable at 127.0.0.1:6379 (REDIS_URL): connection refused, nothing listens there. ' +
        'Start it with "docker compose up -d redis", or the local service: "sudo systemctl start redis-server" (Linux), ' +
        '"brew services start redis" (macOS), or "redis-server --daemonize yes".',
    );
    expect(describeUnreachable('postgres', 'postgres://postgres@127.0.0.1/x', { code: 'ECONNREFUSED' })).toContain(
      'PostgreSQL is not reachable at 127.0.0.1:5432 (DATABASE_URL)',
    );
  });

  it('says a host name does not resolve (ENOTFOUND) or could not be looked up (EAI_AGAIN)', () => {
    expect(describeUnreachable('postgres', PG, { code: 'ENOTFOUND', hostname: 'db.internal' })).toBe(
      'PostgreSQL is not reachable at db.internal:5433 (DATABASE_URL): the host name "db.internal" does not resolve (ENOTFOUND). Check the host in DATABASE_URL.',
    );
    expect(describeUnreachable('redis', REDIS, { code: 'EAI_AGAIN', hostname: 'cache.internal' })).toContain(
      'Redis is not reachable at cache.internal:6380 (REDIS_URL): looking up "cache.internal" failed for now (EAI_AGAIN, DNS unavailable)',
    );
  });

  it('tells a timeout, an unreachable network and a dropped connection apart', () => {
    expect(describeUnreachable('redis', REDIS, { code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' })).toContain(
      ': the connection timed out. Check the host and port in REDIS_URL',
    );
    expect(describeUnreachable('postgres', PG, { code: 'EHOSTUNREACH' })).toContain(': no route to the host (EHOSTUNREACH).');
    expect(describeUnreachable('postgres', PG, { message: 'Connection terminated unexpectedly' })).toContain(
      ': the connection timed out or was dropped.',
    );
  });

  it('reads the code of the first attempt of an AggregateError (localhost tried on ::1 and 127.0.0.1)', () => {
    const aggregate = { code: undefined, message: '', errors: [{ code: 'ECONNREFUSED', address: '::1', port: 5432 }] };
    expect(describeUnreachable('postgres', 'postgres://postgres@localhost/x', aggregate)).toContain(
      'localhost:5432 (DATABASE_URL): connection refused',
    );
  });
});

describe('isUnreachable and dependencyOf', () => {
  it('recognises network failures of both clients, and nothing else', () => {
    for (const err of [
      { code: 'ECONNREFUSED' },
      { code: 'ENOTFOUND' },
      { code: 'EAI_AGAIN' },
      { code: 'ETIMEDOUT' },
      { message: 'getaddrinfo ENOTFOUND db' },
      { message: 'timeout expired' },
      { message: 'Reached the max retries per request limit (which is 2).' },
    ]) {
      expect(isUnreachable(err)).toBe(true);
    }
    expect(isUnreachable({ code: '42P01', message: 'relation "users" does not exist' })).toBe(false);
    expect(isUnreachable(undefined)).toBe(false);
  });

  it('tells Postgres from Redis by the port, the host name or the message', () => {
    expect(dependencyOf({ code: 'ECONNREFUSED', port: 6380 }, PG, REDIS)).toBe('redis');
    expect(dependencyOf({ code: 'ECONNREFUSED', port: 5433 }, PG, REDIS)).toBe('postgres');
    expect(dependencyOf({ code: 'ENOTFOUND', hostname: 'cache.internal' }, PG, REDIS)).toBe('redis');
    expect(dependencyOf({ code: 'ENOTFOUND', hostname: 'db.internal' }, PG, REDIS)).toBe('postgres');
    expect(dependencyOf({ message: 'Reached the max retries per request limit (which is 2).' }, PG, REDIS)).toBe('redis');
    expect(dependencyOf({ message: 'Connection terminated unexpectedly' }, PG, REDIS)).toBe('postgres');
  });
});

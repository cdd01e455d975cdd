import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './app-config';

const METRICS_TOKEN = 'a-metrics-token-of-the-scraper';

describe('loadConfig', () => {
  it('uses the defaults of the contract', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/mynews');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.FEED_MAX_ITEMS).toBe(800);
    expect(config.ACTIVE_DAYS).toBe(14);
  });

  it('keeps idle feeds no longer than ACTIVE_DAYS: follows it when unset, refuses more, takes less', () => {
    expect(loadConfig({}).FEED_IDLE_TTL_DAYS).toBe(14);
    expect(loadConfig({ ACTIVE_DAYS: '30' }).FEED_IDLE_TTL_DAYS).toBe(30);
    expect(loadConfig({ ACTIVE_DAYS: '7' }).FEED_IDLE_TTL_DAYS).toBe(7);
    expect(loadConfig({ ACTIVE_DAYS: '7', FEED_IDLE_TTL_DAYS: '3' }).FEED_IDLE_TTL_DAYS).toBe(3);
    expect(() => loadConfig({ FEED_IDLE_TTL_DAYS: '30' })).toThrow(/FEED_IDLE_TTL_DAYS: must not exceed ACTIVE_DAYS \(14\)/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', FEED_MAX_ITEMS: '' }).PORT).toBe(3000);
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ FEED_MAX_ITEMS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'mysql://replica/db' })).toThrow(/DATABASE_REPLICA_URL/);
  });

  it('takes an optional postgres:// read replica', () => {
    expect(loadConfig({}).DATABASE_REPLICA_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_REPLICA_URL: 'postgres://replica:5432/mynews' }).DATABASE_REPLICA_URL).toBe(
      'postgres://replica:5432/mynews',
    );
  });

  it('reads REDIS_CLUSTER_NODES and refuses a value that names no usable node', () => {
    expect(loadConfig({}).redisCluster).toBeNull();
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001' }).redisCluster?.nodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ]);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1' })).toThrow(/REDIS_CLUSTER_NODES: "10.0.0.1" is neither host:port/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis://10.0.0.1:7000/2' })).toThrow(/REDIS_CLUSTER_NODES: .*only database 0/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: ',' })).toThrow(/REDIS_CLUSTER_NODES: must list at least one/);
  });

  it('refuses production without its own JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', METRICS_TOKEN })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN, JWT_SECRET: randomBytes(32).toString('hex') }).isProduction).toBe(true);
  });

  it('refuses a blank or common ADMIN_PASSWORD, naming it', () => {
    for (const password of ['password1', '12345678', ' '.repeat(10)]) {
      expect(() => loadConfig({ ADMIN_EMAIL: 'root@example.org', ADMIN_PASSWORD: password })).toThrow(/ADMIN_PASSWORD/);
    }
    expect(loadConfig({ ADMIN_EMAIL: 'root@example.org', ADMIN_PASSWORD: 'a fine admin password' }).ADMIN_PASSWORD).toBeDefined();
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'ops@example.test' })).toThrow(/ADMIN_EMAIL/);
  });

  it('wants VAPID keys as a pair, with a subject in production, and a mailto: or https: subject', () => {
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: 'pub' })).toThrow(/VAPID_PUBLIC_KEY\/VAPID_PRIVATE_KEY/);
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-production-secret', METRICS_TOKEN: 'a-long-enough-metrics-token' };
    expect(() => loadConfig({ ...prod, VAPID_PUBLIC_KEY: 'pub', VAPID_PRIVATE_KEY: 'priv' })).toThrow(/VAPID_SUBJECT/);
    expect(() => loadConfig({ VAPID_SUBJECT: 'ops@example.test' })).toThrow(/VAPID_SUBJECT/);
    expect(loadConfig({ VAPID_PUBLIC_KEY: 'pub', VAPID_PRIVATE_KEY: 'priv', VAPID_SUBJECT: 'mailto:ops@example.test' }).VAPID_SUBJECT).toBe(
      'mailto:ops@example.test',
    );
    expect(loadConfig({}).PUSH_ALLOWED_HOSTS).toBe(
      'fcm.googleapis.com,updates.push.services.mozilla.com,web.push.apple.com,*.notify.windows.com',
    );
  });
});

describe('TRUST_PROXY', () => {
  it('is off when unset', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
  });

  it('takes a hop count or a comma-separated list of addresses and CIDRs', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1,fd00::/8' }).TRUST_PROXY).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
    ]);
  });

  it.each(['maybe', 'true', 'yes', '-1', '1.5', '10.0.0.0/33', '10.0.0.1,,10.0.0.2', '10.0.0.300', 'fd00::/129', 'loopback'])(
    'refuses %s at start-up, naming the variable',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );
});

describe('production', () => {
  const production = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'production', METRICS_TOKEN, JWT_SECRET: randomBytes(32).toString('base64'), ...env });

  it('requires METRICS_TOKEN', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex') })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ JWT_SECRET: randomBytes(32).toString('hex') }).METRICS_TOKEN).toBeUndefined();
  });

  it.each([
    ['16 repeated characters', 'aaaaaaaaaaaaaaaa'],
    ['64 repeated characters', 'a'.repeat(64)],
    ['a short phrase', 'a-long-enough-production-secret'],
    ['few distinct characters', 'Ab1!'.repeat(20)],
    ['a run of the alphabet', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
    ['16 random bytes in hex', randomBytes(16).toString('hex')],
    ['24 random bytes in base64', randomBytes(24).toString('base64')],
    ['a keyboard walk', 'qwertyuiopasdfghjklzxcvbnm1234567890qwertyuiopasdfghjklzxcvbnm'],
  ])('refuses a JWT_SECRET of %s', (_name, secret) => {
    expect(() => production({ JWT_SECRET: secret })).toThrow(/JWT_SECRET/);
  });

  it('accepts 32 random bytes however they are written, every time', () => {
    for (let i = 0; i < 300; i++) {
      const bytes = randomBytes(32);
      for (const secret of [
        bytes.toString('hex'),
        bytes.toString('base64'),
        bytes.toString('base64url'),
        bytes.toString('hex').toUpperCase(),
      ]) {
        expect(production({ JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
      }
    }
  });

  it('keeps the development rules elsewhere', () => {
    expect(loadConfig({ JWT_SECRET: 'aaaaaaaaaaaaaaaa' }).JWT_SECRET).toBe('aaaaaaaaaaaaaaaa');
  });
});

describe('PUBLIC_URL', () => {
  it('takes an http(s) URL and refuses anything else, naming the variable', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://news.example.org' }).PUBLIC_URL).toBe('https://news.example.org');
    expect(() => loadConfig({ PUBLIC_URL: 'news.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://news.example.org' })).toThrow(/PUBLIC_URL/);
  });
});

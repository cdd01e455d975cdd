import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the defaults of the contract', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/mynews');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.FEED_MAX_ITEMS).toBe(800);
    expect(config.ACTIVE_DAYS).toBe(14);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', FEED_MAX_ITEMS: '' }).PORT).toBe(3000);
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ FEED_MAX_ITEMS: '0' })).toThrow(ConfigError);
  });

  it('refuses production without its own JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-production-secret' }).isProduction).toBe(true);
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'ops@example.test' })).toThrow(/ADMIN_EMAIL/);
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

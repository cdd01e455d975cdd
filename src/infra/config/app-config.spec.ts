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

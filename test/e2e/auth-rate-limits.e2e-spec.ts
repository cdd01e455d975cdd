import { loadConfig } from '../../src/infra/config/app-config';
import { REDIS } from '../../src/infra/redis/redis.module';
import type { Redis } from 'ioredis';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery';

const expectRateLimited = (res: { status: number; body: any; headers: Record<string, unknown> }, maxSeconds: number) => {
  expect(res.status).toBe(429);
  expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const retryAfter = String(res.headers['retry-after']);
  expect(retryAfter).toMatch(/^[1-9]\d*$/);
  expect(Number(retryAfter)).toBeLessThanOrEqual(maxSeconds);
};

describe('failed logins per email', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_FAILURES_PER_EMAIL: '3', LOGIN_FAILURES_PER_IP: '1000', LOGIN_FAILURE_WINDOW_SECONDS: '600' } });
  });
  afterAll(() => t.close());

  const register = (email: string) => t.http.post('/v1/auth/register', { email, password: PASSWORD, displayName: 'Vic' });
  const login = (email: string, password: string) => t.http.post('/v1/auth/login', { email, password });

  it('answers 429 with Retry-After once an email has used up its failures, before checking the password', async () => {
    await register('victim@example.org');
    for (let i = 0; i < 3; i++) expect((await login('victim@example.org', `wrong-${i}-password`)).status).toBe(401);
    expectRateLimited(await login('victim@example.org', 'wrong-again-password'), 600);
    // Even the right password is refused: the limit is checked before the password is.
    expectRateLimited(await login('VICTIM@example.org ', PASSWORD), 600);
    // Other emails from the same address are unaffected.
    await register('bystander@example.org');
    expect((await login('bystander@example.org', PASSWORD)).status).toBe(200);
  });

  it('counts unknown emails too', async () => {
    for (let i = 0; i < 3; i++) expect((await login('ghost@example.org', `wrong-${i}-password`)).status).toBe(401);
    expectRateLimited(await login('ghost@example.org', PASSWORD), 600);
  });

  it('clears the email count on a successful login', async () => {
    await register('forgetful@example.org');
    for (let i = 0; i < 2; i++) expect((await login('forgetful@example.org', `wrong-${i}-password`)).status).toBe(401);
    expect((await login('forgetful@example.org', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login('forgetful@example.org', `again-${i}-password`)).status).toBe(401);
    expectRateLimited(await login('forgetful@example.org', 'one-too-many'), 600);
  });

  it('holds the limit under concurrent guesses', async () => {
    await register('target@example.org');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => login('target@example.org', `parallel-${i}-guess`)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });
});

describe('failed logins per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Behind a trusted proxy the client address comes from X-Forwarded-For, which lets the test vary it.
    t = await startTestApp({
      env: { LOGIN_FAILURES_PER_IP: '3', LOGIN_FAILURES_PER_EMAIL: '1000', LOGIN_FAILURE_WINDOW_SECONDS: '120', TRUST_PROXY: 'true' },
    });
  });
  afterAll(() => t.close());

  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

  it('answers 429 with Retry-After once an address has used up its failures', async () => {
    const reg = await t.http.post(
      '/v1/auth/register',
      { email: 'ok@example.org', password: PASSWORD, displayName: 'Ok' },
      from('198.51.100.1'),
    );
    expect(reg.status).toBe(201);
    for (let i = 0; i < 3; i++) {
      const res = await t.http.post('/v1/auth/login', { email: `guess${i}@example.org`, password: PASSWORD }, from('203.0.113.7'));
      expect(res.status).toBe(401);
    }
    expectRateLimited(await t.http.post('/v1/auth/login', { email: 'guess9@example.org', password: PASSWORD }, from('203.0.113.7')), 120);
    expectRateLimited(await t.http.post('/v1/auth/login', { email: 'ok@example.org', password: PASSWORD }, from('203.0.113.7')), 120);

    // Another address is unaffected, and its successful logins do not count as failures.
    for (let i = 0; i < 5; i++) {
      const res = await t.http.post('/v1/auth/login', { email: 'ok@example.org', password: PASSWORD }, from('203.0.113.8'));
      expect(res.status).toBe(200);
    }
    const wrong = await t.http.post('/v1/auth/login', { email: 'ok@example.org', password: 'nope-nope' }, from('203.0.113.8'));
    expect(wrong.status).toBe(401);
  });
});

describe('registrations per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTRATIONS_PER_IP_PER_HOUR: '2', TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  const register = (email: string, ip: string) =>
    t.http.post('/v1/auth/register', { email, password: PASSWORD, displayName: 'New' }, { headers: { 'x-forwarded-for': ip } });

  it('answers 429 with Retry-After past the hourly limit, and creates nothing', async () => {
    expect((await register('one@example.org', '192.0.2.10')).status).toBe(201);
    expect((await register('two@example.org', '192.0.2.10')).status).toBe(201);
    const third = await register('three@example.org', '192.0.2.10');
    expectRateLimited(third, 3600);
    const login = await t.http.post('/v1/auth/login', { email: 'three@example.org', password: PASSWORD });
    expect(login.status).toBe(401);
    expect((await register('three@example.org', '192.0.2.11')).status).toBe(201);
  });
});

describe('the default limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The test harness raises the registration limit; put the shipped default back.
    const defaults = loadConfig({});
    t = await startTestApp({ env: { REGISTRATIONS_PER_IP_PER_HOUR: String(defaults.REGISTRATIONS_PER_IP_PER_HOUR) } });
  });
  afterAll(() => t.close());

  it('refuse failed logins well before 60 tries', async () => {
    let tries = 0;
    let res;
    do {
      res = await t.http.post('/v1/auth/login', { email: 'someone@example.org', password: `guess-number-${tries++}` });
    } while (res.status === 401 && tries < 60);
    expectRateLimited(res, 86400);
    expect(tries).toBeLessThanOrEqual(30);
  });

  it('allow at least 300 registrations an hour from one address', async () => {
    expect(t.config.REGISTRATIONS_PER_IP_PER_HOUR).toBeGreaterThanOrEqual(300);
    for (let i = 0; i < 5; i++) {
      const res = await t.http.post('/v1/auth/register', { email: `d${i}@example.org`, password: PASSWORD, displayName: 'D' });
      expect(res.status).toBe(201);
    }
  });
});

describe('when Redis is down', () => {
  let t: TestApp;
  let accessToken: string;
  let redis: Redis;
  beforeAll(async () => {
    t = await startTestApp();
    redis = t.app.get<Redis>(REDIS);
    const res = await t.http.post('/v1/auth/register', { email: 'r@example.org', password: PASSWORD, displayName: 'R' });
    accessToken = res.body.tokens.accessToken;
    redis.disconnect();
  });
  afterAll(async () => {
    await redis.connect().catch(() => undefined);
    await t.close();
  });

  it.each([
    ['login', () => t.http.post('/v1/auth/login', { email: 'r@example.org', password: PASSWORD })],
    ['register', () => t.http.post('/v1/auth/register', { email: 's@example.org', password: PASSWORD, displayName: 'S' })],
    ['an authenticated route', () => t.http.get('/v1/me', { token: accessToken })],
  ])('%s answers 503 DEPENDENCY_UNAVAILABLE with Retry-After, not a 500', async (_name, call) => {
    const res = await call();
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.text).not.toMatch(/redis|ioredis|connection/i);
  });

  it('recovers once Redis is back', async () => {
    await redis.connect();
    expect((await t.http.post('/v1/auth/login', { email: 'r@example.org', password: PASSWORD })).status).toBe(200);
    expect((await t.http.get('/v1/me', { token: accessToken })).status).toBe(200);
  });
});

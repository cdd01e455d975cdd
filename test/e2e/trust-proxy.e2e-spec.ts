import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery';
const LIMITS = { LOGIN_FAILURES_PER_IP: '3', LOGIN_FAILURES_PER_EMAIL: '1000', REGISTRATIONS_PER_IP_PER_HOUR: '3' };

/**
 * The client sends any X-Forwarded-For it likes; each trusted proxy appends the address it saw. Fastify's
 * inject connects from 127.0.0.1, which stands for the last proxy here.
 */
describe.each([
  ['a hop count', '1'],
  ['a list of proxies', '10.0.0.0/8, 127.0.0.1'],
])('TRUST_PROXY as %s', (_kind, trustProxy) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ...LIMITS, TRUST_PROXY: trustProxy } });
  });
  afterAll(() => t.close());

  // The forged part first, then what the proxy saw: the real client.
  const forwarded = (forged: string, client: string) => ({ headers: { 'x-forwarded-for': `${forged}, ${client}` } });

  it('takes the client as the last address the proxies did not add: a forged leftmost address escapes no login limit', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.http.post(
        '/v1/auth/login',
        { email: `g${i}@example.org`, password: PASSWORD },
        forwarded(`192.0.2.${i}`, '198.51.100.20'),
      );
      expect(res.status).toBe(401);
    }
    const escaped = await t.http.post(
      '/v1/auth/login',
      { email: 'g9@example.org', password: PASSWORD },
      forwarded('192.0.2.99', '198.51.100.20'),
    );
    expect(escaped.status).toBe(429);
    // Another real client behind the same proxy is its own address.
    const other = await t.http.post(
      '/v1/auth/login',
      { email: 'g9@example.org', password: PASSWORD },
      forwarded('192.0.2.99', '198.51.100.21'),
    );
    expect(other.status).toBe(401);
  });

  it('and no registration limit', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.http.post(
        '/v1/auth/register',
        { email: `r${i}@example.org`, password: PASSWORD, displayName: 'R' },
        forwarded(`192.0.2.${i}`, '198.51.100.30'),
      );
      expect(res.status).toBe(201);
    }
    const escaped = await t.http.post(
      '/v1/auth/register',
      { email: 'r9@example.org', password: PASSWORD, displayName: 'R' },
      forwarded('192.0.2.99', '198.51.100.30'),
    );
    expect(escaped.status).toBe(429);
  });
});

describe('TRUST_PROXY unset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: LIMITS });
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For: the connection is the client', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.http.post(
        '/v1/auth/login',
        { email: `u${i}@example.org`, password: PASSWORD },
        { headers: { 'x-forwarded-for': `198.51.100.${i}` } },
      );
      expect(res.status).toBe(401);
    }
    const res = await t.http.post(
      '/v1/auth/login',
      { email: 'u9@example.org', password: PASSWORD },
      { headers: { 'x-forwarded-for': '198.51.100.99' } },
    );
    expect(res.status).toBe(429);
  });
});

import { startTestApp, TestApp } from '../support/test-app';

const ADMIN = { ADMIN_EMAIL: 'dash-admin@example.org', ADMIN_PASSWORD: 'dashboard admin password' };
const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;

describe('/admin/queues by HTTP Basic, under failed logins from other addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        ...ADMIN,
        LOGIN_FAILURES_PER_EMAIL: '3',
        LOGIN_FAILURES_PER_IP: '100',
        LOGIN_EMAIL_SLOWDOWN_MS: '0',
        TRUST_PROXY: '1',
      },
    });
  });
  afterAll(() => t.close());

  const dashboard = (authorization: string, ip: string) =>
    t.http.get('/admin/queues/api/queues', { headers: { authorization, 'x-forwarded-for': ip } });

  it('lets the admin in from an address that has not been failing, and refuses the address that has', async () => {
    for (let a = 1; a <= 4; a++) {
      for (let g = 0; g < 2; g++) {
        expect((await dashboard(basic(ADMIN.ADMIN_EMAIL, `guess ${a} ${g}`), `203.0.113.${a}`)).status).toBe(401);
      }
    }
    expect((await dashboard(basic(ADMIN.ADMIN_EMAIL, 'guess 1 2'), '203.0.113.1')).status).toBe(401);
    const refused = await dashboard(basic(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD), '203.0.113.1');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);

    expect((await dashboard(basic(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD), '198.51.100.9')).status).toBe(200);
  });
});

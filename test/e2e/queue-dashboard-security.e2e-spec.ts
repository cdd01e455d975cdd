import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
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

describe("/admin/queues: state-changing calls authenticated by Basic must come from the API's own origin", () => {
  let t: TestApp;
  let adminBearer: string;
  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN });
    adminBearer = (await t.http.post('/v1/auth/login', { email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD })).body.tokens
      .accessToken;
  });
  afterAll(() => t.close());

  const BASIC = basic(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD);
  const ADD = `/admin/queues/api/queues/${QUEUE.fanout}/add`;
  const jobs = async () => {
    const queue = t.app
      .get(JobProducer)
      .allQueues()
      .find((q) => q.name === QUEUE.fanout)!;
    return Object.values(await queue.getJobCounts()).reduce((a, b) => a + b, 0);
  };
  const addJob = (headers: Record<string, string>) =>
    t.http.post(ADD, { name: 'dashboard-probe', data: {} }, { headers: { host: 'api.example.test:8080', ...headers } });

  it.each([
    ['no Origin and no Referer', {}],
    ["another site's Origin", { origin: 'https://evil.example' }],
    ['another port', { origin: 'http://api.example.test:8081' }],
    ['another scheme', { origin: 'https://api.example.test:8080' }],
    ['Origin null', { origin: 'null' }],
    ["another site's Referer", { referer: 'https://evil.example/page' }],
    ['a foreign Origin beside an own Referer', { origin: 'https://evil.example', referer: 'http://api.example.test:8080/admin/queues/' }],
  ])('refuses %s with 403, and adds no job', async (_name, headers: Record<string, string>) => {
    const before = await jobs();
    const res = await addJob({ authorization: BASIC, ...headers });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await jobs()).toBe(before);
  });

  it('accepts its own origin, by Origin or Referer', async () => {
    const before = await jobs();
    expect((await addJob({ authorization: BASIC, origin: 'http://api.example.test:8080' })).status).toBe(200);
    expect((await addJob({ authorization: BASIC, referer: 'http://api.example.test:8080/admin/queues/queue/fanout' })).status).toBe(200);
    expect(await jobs()).toBe(before + 2);
  });

  it('leaves reads by Basic and Bearer-authenticated calls alone', async () => {
    const read = await t.http.get(`/admin/queues/api/queues`, { headers: { authorization: BASIC, origin: 'https://evil.example' } });
    expect(read.status).toBe(200);
    expect((await addJob({ authorization: `Bearer ${adminBearer}` })).status).toBe(200);
  });
});

describe('/admin/queues with PUBLIC_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ...ADMIN, PUBLIC_URL: 'https://news.example.test' } });
  });
  afterAll(() => t.close());

  const addJob = (origin: string) =>
    t.http.post(
      `/admin/queues/api/queues/${QUEUE.fanout}/add`,
      { name: 'dashboard-probe', data: {} },
      {
        headers: { authorization: basic(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD), host: 'internal:3000', origin },
      },
    );

  it("takes PUBLIC_URL as the API's own origin", async () => {
    expect((await addJob('https://news.example.test')).status).toBe(200);
    expect((await addJob('http://internal:3000')).status).toBe(403);
  });
});

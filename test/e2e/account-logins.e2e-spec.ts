import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/infra/config/app-config';
import { HttpClient } from '../support/http-client';
import { removeTestData, startTestApp, testConfig, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery';
const ADMIN = { ADMIN_EMAIL: 'Boss@Example.ORG', ADMIN_PASSWORD: 'admin password 1' };

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/** Every way a login can be used again: its access token on a route, and its refresh token. */
async function expectLoginEnded(http: HttpClient, tokens: Tokens): Promise<void> {
  const me = await http.get('/v1/me', { token: tokens.accessToken });
  expect(me.status).toBe(401);
  expect(me.body.code).toBe('UNAUTHORIZED');
  const refreshed = await http.post('/v1/auth/refresh', { refreshToken: tokens.refreshToken });
  expect(refreshed.status).toBe(401);
}

async function expectLoginAlive(http: HttpClient, tokens: Tokens): Promise<void> {
  expect((await http.get('/v1/me', { token: tokens.accessToken })).status).toBe(200);
  expect((await http.post('/v1/auth/refresh', { refreshToken: tokens.refreshToken })).status).toBe(200);
}

describe('ADMIN_EMAIL naming an existing account', () => {
  const started: NestFastifyApplication[] = [];
  let plain: AppConfig;

  const boot = async (config: AppConfig) => {
    const app = await createApp(config, { workers: false });
    started.push(app);
    return new HttpClient(app);
  };
  const stopAll = () => Promise.all(started.splice(0).map((app) => app.close()));
  // The same database and Redis prefix as `plain`, with extra settings.
  const sameStores = (extra: Record<string, string>) => {
    const { NODE_ENV, LOG_LEVEL, DATABASE_URL, REDIS_URL, REDIS_PREFIX } = plain;
    return loadConfig({ NODE_ENV, LOG_LEVEL, DATABASE_URL, REDIS_URL, REDIS_PREFIX, ...extra });
  };

  beforeEach(() => {
    plain = testConfig();
  });
  afterEach(async () => {
    await stopAll();
    await removeTestData(plain);
  });

  it('ends every login whoever registered the address had, and only the new password signs in', async () => {
    let http = await boot(plain);
    const reg = await http.post('/v1/auth/register', { email: 'boss@example.org', password: PASSWORD, displayName: 'Squatter' });
    expect(reg.status).toBe(201);
    const login = await http.post('/v1/auth/login', { email: 'boss@example.org', password: PASSWORD });
    expect(login.status).toBe(200);
    const logins: Tokens[] = [reg.body.tokens, login.body.tokens];
    await stopAll();

    http = await boot(sameStores(ADMIN));
    for (const tokens of logins) await expectLoginEnded(http, tokens);
    expect((await http.post('/v1/auth/login', { email: 'boss@example.org', password: PASSWORD })).status).toBe(401);

    const admin = await http.post('/v1/auth/login', { email: 'boss@example.org', password: ADMIN.ADMIN_PASSWORD });
    expect(admin.status).toBe(200);
    expect(admin.body.user).toMatchObject({ id: reg.body.user.id, role: 'admin' });
    await expectLoginAlive(http, admin.body.tokens);
  });

  it('keeps the logins of an account that is already admin with that password (a restart ends nothing)', async () => {
    let http = await boot(sameStores(ADMIN));
    const admin = await http.post('/v1/auth/login', { email: 'boss@example.org', password: ADMIN.ADMIN_PASSWORD });
    expect(admin.status).toBe(200);
    await stopAll();

    http = await boot(sameStores(ADMIN));
    await expectLoginAlive(http, admin.body.tokens);
  });

  it("ends the admin's logins when ADMIN_PASSWORD changes", async () => {
    let http = await boot(sameStores(ADMIN));
    const admin = await http.post('/v1/auth/login', { email: 'boss@example.org', password: ADMIN.ADMIN_PASSWORD });
    expect(admin.status).toBe(200);
    await stopAll();

    http = await boot(sameStores({ ...ADMIN, ADMIN_PASSWORD: 'a different admin password' }));
    await expectLoginEnded(http, admin.body.tokens);
    expect((await http.post('/v1/auth/login', { email: 'boss@example.org', password: 'a different admin password' })).status).toBe(200);
  });
});

describe('a role change by an admin', () => {
  let t: TestApp;
  let adminToken: string;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN });
    adminToken = (await t.http.post('/v1/auth/login', { email: 'boss@example.org', password: ADMIN.ADMIN_PASSWORD })).body.tokens
      .accessToken;
  });
  afterAll(() => t.close());

  const signUp = async () => {
    const email = `member${++seq}@example.org`;
    const res = await t.http.post('/v1/auth/register', { email, password: PASSWORD, displayName: 'M' });
    expect(res.status).toBe(201);
    return { id: res.body.user.id as string, email, tokens: res.body.tokens as Tokens };
  };
  const setRole = (id: string, role: string) => t.http.patch(`/v1/admin/users/${id}`, { role }, { token: adminToken });

  it('ends every login of that account; a new login has the new role', async () => {
    const member = await signUp();
    const second = (await t.http.post('/v1/auth/login', { email: member.email, password: PASSWORD })).body.tokens as Tokens;
    expect((await setRole(member.id, 'editor')).status).toBe(200);
    await expectLoginEnded(t.http, member.tokens);
    await expectLoginEnded(t.http, second);

    const again = await t.http.post('/v1/auth/login', { email: member.email, password: PASSWORD });
    expect(again.status).toBe(200);
    expect(again.body.user.role).toBe('editor');
    await expectLoginAlive(t.http, again.body.tokens);
  });

  it('leaves other accounts signed in, and setting the same role again ends nothing', async () => {
    const member = await signUp();
    const bystander = await signUp();
    expect((await setRole(member.id, 'reader')).status).toBe(200);
    await expectLoginAlive(t.http, member.tokens);
    expect((await setRole(member.id, 'editor')).status).toBe(200);
    await expectLoginAlive(t.http, bystander.tokens);
  });
});

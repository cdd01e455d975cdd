import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/infra/config/app-config';
import { HttpClient } from '../support/http-client';
import { removeTestData, startTestApp, testConfig, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery';
const ADMIN = { ADMIN_EMAIL: 'Boss@Example.ORG', ADMIN_PASSWORD: 'admin password 1' };

describe('PATCH /v1/admin/users/{id}', () => {
  let t: TestApp;
  let adminToken: string;
  let seq = 0;

  const signUp = async () => {
    const email = `u${++seq}@example.org`;
    const res = await t.http.post('/v1/auth/register', { email, password: PASSWORD, displayName: 'U' });
    expect(res.status).toBe(201);
    return { id: res.body.user.id as string, email, user: res.body.user, token: res.body.tokens.accessToken as string };
  };
  // A role change ends the account's logins (account-logins.e2e-spec.ts): the new role comes with a new login.
  const signIn = async (email: string) => {
    const res = await t.http.post('/v1/auth/login', { email, password: PASSWORD });
    expect(res.status).toBe(200);
    return res.body.tokens.accessToken as string;
  };
  const setRole = (id: string, role: unknown, token = adminToken) => t.http.patch(`/v1/admin/users/${id}`, { role }, { token });

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN });
    const login = await t.http.post('/v1/auth/login', { email: 'boss@example.org', password: ADMIN.ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    adminToken = login.body.tokens.accessToken;
  });
  afterAll(() => t.close());

  it('the account named by ADMIN_EMAIL exists after start-up, as an admin', async () => {
    const me = await t.http.get('/v1/me', { token: adminToken });
    expect(me.body).toMatchObject({ email: 'boss@example.org', role: 'admin', displayName: 'Admin' });
  });

  it('lets an admin change a role, and the account has it from its next login on', async () => {
    const reader = await signUp();
    const res = await setRole(reader.id, 'editor');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...reader.user, role: 'editor' });
    expect((await t.http.get('/v1/me', { token: reader.token })).status).toBe(401);

    const editorToken = await signIn(reader.email);
    expect((await t.http.get('/v1/me', { token: editorToken })).body.role).toBe('editor');
    const created = await t.http.post('/v1/topics', { name: `Editors topic ${seq}` }, { token: editorToken });
    expect(created.status).toBe(201);

    // Demoted: the editor's token stops at once, and the next login is a reader's.
    expect((await setRole(reader.id, 'reader')).body.role).toBe('reader');
    expect((await t.http.post('/v1/topics', { name: `Too late ${seq}` }, { token: editorToken })).status).toBe(401);
    const refused = await t.http.post('/v1/topics', { name: `Too late ${seq}` }, { token: await signIn(reader.email) });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });

  it('a demoted admin loses admin routes at once', async () => {
    const second = await signUp();
    expect((await setRole(second.id, 'admin')).status).toBe(200);
    const secondAdmin = await signIn(second.email);
    const target = await signUp();
    expect((await setRole(target.id, 'editor', secondAdmin)).status).toBe(200);
    expect((await setRole(second.id, 'reader')).status).toBe(200);
    expect((await setRole(target.id, 'admin', secondAdmin)).status).toBe(401);
    const res = await setRole(target.id, 'admin', await signIn(second.email));
    expect(res.status).toBe(403);
    expect((await t.http.get('/v1/me', { token: await signIn(target.email) })).body.role).toBe('editor');
  });

  it('answers 403 FORBIDDEN to readers and editors, and 401 to anonymous callers', async () => {
    const reader = await signUp();
    const editor = await signUp();
    await setRole(editor.id, 'editor');
    for (const token of [reader.token, await signIn(editor.email)]) {
      const res = await setRole(reader.id, 'admin', token);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const anonymous = await t.http.patch(`/v1/admin/users/${reader.id}`, { role: 'admin' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHORIZED');
    expect((await t.http.get('/v1/me', { token: reader.token })).body.role).toBe('reader');
  });

  it.each(['999999999', 'abc', '0', '-1', '1e3', '01', '9'.repeat(40)])('answers 404 USER_NOT_FOUND for the id %s', async (id) => {
    const res = await setRole(id, 'editor');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, code: 'USER_NOT_FOUND' });
  });

  it.each([
    [{ role: 'superuser' }, 'role'],
    [{ role: 'Admin' }, 'role'],
    [{ role: 1 }, 'role'],
    [{}, 'role'],
    [{ role: 'editor', email: 'x@example.org' }, 'email'],
  ])('rejects %j with 400 naming %s, and changes nothing', async (body, field) => {
    const user = await signUp();
    const res = await t.http.patch(`/v1/admin/users/${user.id}`, body, { token: adminToken });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await t.http.get('/v1/me', { token: user.token })).body.role).toBe('reader');
  });

  it('refuses to demote the last admin with 409 LAST_ADMIN, and changes nothing', async () => {
    const boss = (await t.http.get('/v1/me', { token: adminToken })).body;
    for (const role of ['editor', 'reader']) {
      const res = await setRole(boss.id, role);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ status: 409, code: 'LAST_ADMIN' });
    }
    expect((await t.http.get('/v1/me', { token: adminToken })).body.role).toBe('admin');

    // With a second admin, either may step down.
    const deputy = await signUp();
    expect((await setRole(deputy.id, 'admin')).status).toBe(200);
    const deputyToken = await signIn(deputy.email);
    expect((await setRole(deputy.id, 'reader', deputyToken)).status).toBe(200);
    expect((await setRole(boss.id, 'reader')).status).toBe(409);
  });

  it('is documented in OpenAPI', async () => {
    const doc = await t.http.get('/docs-json');
    expect(doc.body.paths['/v1/admin/users/{id}']?.patch).toBeDefined();
  });
});

describe('admin bootstrap', () => {
  const started: NestFastifyApplication[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((app) => app.close()));
  });

  const boot = async (config: ReturnType<typeof testConfig>, count: number) => {
    const apps = await Promise.all(Array.from({ length: count }, () => createApp(config, { workers: false })));
    started.push(...apps);
    return apps;
  };

  it('creates the admin once when two processes start at once', async () => {
    const config = testConfig(ADMIN);
    try {
      const [a] = await boot(config, 2);
      const rows = await a.get(DataSource).query('SELECT email, role FROM users');
      expect(rows).toEqual([{ email: 'boss@example.org', role: 'admin' }]);
      const login = await new HttpClient(a).post('/v1/auth/login', { email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.user.role).toBe('admin');
    } finally {
      await Promise.all(started.splice(0).map((app) => app.close()));
      await removeTestData(config);
    }
  });

  it('promotes an existing account and resets its password, also when processes race', async () => {
    const plain = testConfig();
    try {
      const [first] = await boot(plain, 1);
      const http = new HttpClient(first);
      const reg = await http.post('/v1/auth/register', { email: 'boss@example.org', password: 'the old password', displayName: 'Bo' });
      expect(reg.status).toBe(201);
      expect(reg.body.user.role).toBe('reader');
      await Promise.all(started.splice(0).map((app) => app.close()));

      // The same database and Redis prefix, now with ADMIN_EMAIL/ADMIN_PASSWORD set.
      const { NODE_ENV, LOG_LEVEL, DATABASE_URL, REDIS_URL, REDIS_PREFIX } = plain;
      const withAdmin = loadConfig({ NODE_ENV, LOG_LEVEL, DATABASE_URL, REDIS_URL, REDIS_PREFIX, ...ADMIN });
      const [a] = await boot(withAdmin, 2);
      const again = new HttpClient(a);
      expect((await again.post('/v1/auth/login', { email: 'boss@example.org', password: 'the old password' })).status).toBe(401);
      const login = await again.post('/v1/auth/login', { email: 'boss@example.org', password: ADMIN.ADMIN_PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ id: reg.body.user.id, role: 'admin', displayName: 'Bo' });
      expect(await a.get(DataSource).query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all(started.splice(0).map((app) => app.close()));
      await removeTestData(plain);
    }
  });
});

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.factory';
import { UsersService } from '../../src/users/users.service';
import { PasswordHasher } from '../../src/auth/password-hasher.service';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';
import { listen, SseClient } from './feed-stream-sse-client';

describe('GET /v1/feed/stream: limits and the end of a login', () => {
  let t: TestApp;
  let other: NestFastifyApplication;
  let base: string;
  let otherBase: string;
  const open: SseClient[] = [];

  const stream = async (token: string, at = base) => {
    const client = await SseClient.open(at, '/v1/feed/stream', { authorization: `Bearer ${token}` });
    open.push(client);
    return client;
  };

  /** A registered account with a real login (refresh-token family), as a client would have. */
  async function signedUp() {
    const res = await t.http.post('/v1/auth/register', {
      email: `stream-${randomBytes(5).toString('hex')}@example.test`,
      password: 'a long enough password',
      displayName: 'Streamer',
    });
    expect(res.status).toBe(201);
    return res.body as { user: { id: string }; tokens: { accessToken: string; refreshToken: string } };
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { FEED_STREAM_RECHECK_MS: '300' } });
    base = await listen(t);
    // A second API process on the same database and Redis: the count is per account, not per process.
    other = await createApp(t.config, { workers: false });
    await other.listen({ port: 0, host: '127.0.0.1' });
    otherBase = `http://127.0.0.1:${(other.getHttpServer().address() as AddressInfo).port}`;
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('allows FEED_STREAM_MAX_PER_USER (5) open streams per account across API processes; one more is 429 with Retry-After', async () => {
    const reader = await createUser(t);
    const streams = [];
    for (let i = 0; i < 5; i++) streams.push(await stream(reader.token, i % 2 ? otherBase : base));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);

    const refused = await fetch(`${otherBase}/v1/feed/stream`, { headers: { authorization: `Bearer ${reader.token}` } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });

    const someoneElse = await stream((await createUser(t)).token);
    expect(someoneElse.status).toBe(200);

    streams[0].close();
    // The slot is given back when the server sees the connection close.
    const deadline = Date.now() + 5000;
    let again = await stream(reader.token, otherBase);
    while (again.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      again = await stream(reader.token, otherBase);
    }
    expect(again.status).toBe(200);
  });

  it('ends a stream within seconds of its login being logged out; another login of the account keeps its stream', async () => {
    const account = await signedUp();
    const login = await t.http.post('/v1/auth/login', {
      email: (await t.http.get('/v1/me', { token: account.tokens.accessToken })).body.email,
      password: 'a long enough password',
    });
    expect(login.status).toBe(200);
    const [ending, staying] = [await stream(account.tokens.accessToken), await stream(login.body.tokens.accessToken)];
    expect([ending.status, staying.status]).toEqual([200, 200]);

    expect((await t.http.post('/v1/auth/logout', { refreshToken: account.tokens.refreshToken })).status).toBe(204);
    await ending.waitFor((c) => c.ended, 5000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(staying.ended).toBe(false);
  });

  it('ends a stream within seconds of the account being erased', async () => {
    const account = await signedUp();
    const client = await stream(account.tokens.accessToken);
    expect(client.status).toBe(200);
    expect((await t.http.delete('/v1/me', { token: account.tokens.accessToken })).status).toBe(204);
    await client.waitFor((c) => c.ended, 5000);
  });

  it("ends a stream within seconds of the account's role changing", async () => {
    const account = await signedUp();
    const admin = await createUser(t, { role: 'admin' });
    const client = await stream(account.tokens.accessToken);
    expect(client.status).toBe(200);
    const res = await t.http.patch(`/v1/admin/users/${account.user.id}`, { role: 'editor' }, { token: admin.token });
    expect(res.status).toBe(200);
    await client.waitFor((c) => c.ended, 5000);
  });

  it('ends a stream within seconds of start-up setting a new ADMIN_PASSWORD on its admin account (role unchanged)', async () => {
    const users = t.app.get(UsersService);
    const hasher = t.app.get(PasswordHasher);
    const email = `admin-${randomBytes(5).toString('hex')}@example.test`;
    await users.upsertAdmin(email, await hasher.hash('first admin password'));
    const login = await t.http.post('/v1/auth/login', { email, password: 'first admin password' });
    expect(login.status).toBe(200);
    const client = await stream(login.body.tokens.accessToken as string);
    expect(client.status).toBe(200);
    // What start-up does when ADMIN_PASSWORD changes: the role stays admin, every login of the account ends.
    await users.upsertAdmin(email, await hasher.hash('second admin password'));
    await client.waitFor((c) => c.ended, 5000);
  });
});

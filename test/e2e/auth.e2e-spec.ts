import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery';

const decodeJwt = (token: string) => {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()),
  };
};

describe('auth: register and login', () => {
  let t: TestApp;
  let db: DataSource;
  let seq = 0;
  const uniqueEmail = () => `reader${++seq}@example.org`;
  const register = (overrides: Record<string, unknown> = {}) =>
    t.http.post('/v1/auth/register', { email: uniqueEmail(), password: PASSWORD, displayName: 'Ann', ...overrides });

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('registers a reader and answers 201 {user, tokens}', async () => {
    const res = await register({ email: '  Ann.Lee@Example.ORG ', displayName: '  Ann Lee  ' });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({
      id: expect.stringMatching(/^[1-9]\d*$/),
      email: 'ann.lee@example.org',
      displayName: 'Ann Lee',
      role: 'reader',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(res.body.tokens).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresIn: 900,
    });
    expect(res.text).not.toMatch(/argon|password/i);

    const jwt = decodeJwt(res.body.tokens.accessToken);
    expect(jwt.header.alg).toBe('HS256');
    expect(jwt.payload.sub).toBe(res.body.user.id);
    expect(jwt.payload.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(jwt.payload.exp - jwt.payload.iat).toBe(900);

    const me = await t.http.get('/v1/me', { token: res.body.tokens.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body.user);
  });

  it('stores an argon2id hash and only the SHA-256 of refresh tokens', async () => {
    const res = await register();
    const [user] = await db.query('SELECT password_hash FROM users WHERE id = $1', [res.body.user.id]);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const tokens = await db.query('SELECT token_hash, family_id, expires_at FROM refresh_tokens WHERE user_id = $1', [res.body.user.id]);
    expect(tokens).toHaveLength(1);
    const expected = createHash('sha256').update(res.body.tokens.refreshToken).digest();
    expect(Buffer.compare(tokens[0].token_hash, expected)).toBe(0);
    expect(tokens[0].family_id).toBe(decodeJwt(res.body.tokens.accessToken).payload.sid);
    const days = (new Date(tokens[0].expires_at).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('answers 409 EMAIL_TAKEN for an email in any case and spacing', async () => {
    const email = uniqueEmail();
    expect((await register({ email })).status).toBe(201);
    const again = await register({ email: ` ${email.toUpperCase()} ` });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, code: 'EMAIL_TAKEN' });
  });

  it('lets exactly one of two racing registrations of one email win', async () => {
    const email = uniqueEmail();
    const answers = await Promise.all([register({ email }), register({ email }), register({ email })]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'EMAIL_TAKEN')).toBe(true);
    const [{ count }] = await db.query('SELECT count(*)::int AS count FROM users WHERE email = $1', [email]);
    expect(count).toBe(1);
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['email', { email: 42 }],
    ['email', { email: `${'a'.repeat(250)}@example.org` }],
    ['password', { password: 'short12' }],
    ['password', { password: 'x'.repeat(129) }],
    ['password', { password: 12345678 }],
    ['displayName', { displayName: '' }],
    ['displayName', { displayName: '    ' }],
    ['displayName', { displayName: 'x'.repeat(81) }],
  ])('rejects a bad %s with 400 naming the field (%j)', async (field, overrides) => {
    const before = await db.query('SELECT count(*)::int AS count FROM users');
    const res = await register(overrides);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await db.query('SELECT count(*)::int AS count FROM users')).toEqual(before);
  });

  it('accepts the length bounds exactly', async () => {
    const res = await register({ password: 'x'.repeat(128), displayName: 'y'.repeat(80) });
    expect(res.status).toBe(201);
    expect((await register({ password: 'k3y-8chr', displayName: 'z' })).status).toBe(201);
  });

  it('names every missing field', async () => {
    const res = await t.http.post('/v1/auth/register', {});
    expect(res.status).toBe(400);
    expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['email', 'password', 'displayName']));
  });

  it('rejects unknown fields, so nobody can register as admin', async () => {
    const email = uniqueEmail();
    const res = await register({ email, role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'role', message: 'is not an allowed field' }]);
    expect(await db.query('SELECT id FROM users WHERE email = $1', [email])).toEqual([]);
  });

  it('rejects unknown query parameters', async () => {
    const res = await t.http.post(
      '/v1/auth/register',
      { email: uniqueEmail(), password: PASSWORD, displayName: 'A' },
      {
        query: { role: 'admin' },
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t.http.post('/v1/auth/register', undefined, {
      raw: '{"email": "a@b.co", ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('answers a text/plain body with 415', async () => {
    const res = await t.http.post('/v1/auth/login', undefined, {
      raw: JSON.stringify({ email: 'a@b.co', password: PASSWORD }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a body over 1 MiB with 413', async () => {
    const res = await t.http.post('/v1/auth/register', {
      email: uniqueEmail(),
      password: PASSWORD,
      displayName: 'x'.repeat(1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a JSON body that is not an object with 400', async () => {
    const res = await t.http.post('/v1/auth/login', ['a@b.co', PASSWORD]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('logs in with any case of the email, and records the activity', async () => {
    const email = uniqueEmail();
    const registered = await register({ email });
    await db.query(`UPDATE users SET last_active_at = now() - interval '10 days' WHERE id = $1`, [registered.body.user.id]);

    const res = await t.http.post('/v1/auth/login', { email: ` ${email.toUpperCase()}`, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual(registered.body.user);
    expect(res.body.tokens).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
    expect(res.text).not.toMatch(/argon|password/i);
    // A login is a new chain of refresh tokens.
    expect(decodeJwt(res.body.tokens.accessToken).payload.sid).not.toBe(decodeJwt(registered.body.tokens.accessToken).payload.sid);
    const [{ recent }] = await db.query(`SELECT last_active_at > now() - interval '1 minute' AS recent FROM users WHERE id = $1`, [
      registered.body.user.id,
    ]);
    expect(recent).toBe(true);
  });

  it('answers a wrong password and an unknown email identically with 401 INVALID_CREDENTIALS', async () => {
    const email = uniqueEmail();
    await register({ email });
    const wrongPassword = await t.http.post('/v1/auth/login', { email, password: 'not the password' });
    const unknownEmail = await t.http.post('/v1/auth/login', { email: 'nobody@example.org', password: PASSWORD });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    expect(unknownEmail.headers['content-type']).toBe(wrongPassword.headers['content-type']);
  });

  it('validates the login body', async () => {
    const res = await t.http.post('/v1/auth/login', { email: 'nope', password: '', remember: true });
    expect(res.status).toBe(400);
    expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['email', 'password', 'remember']));
  });

  it('documents the auth routes in OpenAPI', async () => {
    const doc = await t.http.get('/docs-json');
    for (const path of ['/v1/auth/register', '/v1/auth/login', '/v1/auth/refresh', '/v1/auth/logout']) {
      expect(doc.body.paths[path]?.post).toBeDefined();
    }
    expect(doc.body.components.schemas.RegisterDto.properties).toHaveProperty('displayName');
  });
});

describe('auth: refresh tokens and logout', () => {
  let t: TestApp;
  let db: DataSource;
  let seq = 0;

  const signUp = async () => {
    const email = `session${++seq}@example.org`;
    const res = await t.http.post('/v1/auth/register', { email, password: PASSWORD, displayName: 'Sam' });
    expect(res.status).toBe(201);
    return { email, userId: res.body.user.id as string, tokens: res.body.tokens };
  };
  const login = async (email: string) => {
    const res = await t.http.post('/v1/auth/login', { email, password: PASSWORD });
    expect(res.status).toBe(200);
    return res.body.tokens;
  };
  const refresh = (refreshToken: string) => t.http.post('/v1/auth/refresh', { refreshToken });
  const me = (accessToken: string) => t.http.get('/v1/me', { token: accessToken });

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('rotates: the presented token is spent and a new one of the same login comes back', async () => {
    const { tokens, userId } = await signUp();
    const res = await refresh(tokens.refreshToken);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['tokens']);
    expect(res.body.tokens).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
    expect(res.body.tokens.refreshToken).not.toBe(tokens.refreshToken);
    const claims = decodeJwt(res.body.tokens.accessToken).payload;
    expect(claims.sub).toBe(userId);
    expect(claims.sid).toBe(decodeJwt(tokens.accessToken).payload.sid);
    expect((await me(res.body.tokens.accessToken)).status).toBe(200);

    const next = await refresh(res.body.tokens.refreshToken);
    expect(next.status).toBe(200);
    const rows = await db.query('SELECT used_at IS NOT NULL AS used FROM refresh_tokens WHERE user_id = $1 ORDER BY id', [userId]);
    expect(rows.map((r: { used: boolean }) => r.used)).toEqual([true, true, false]);
  });

  it('on reuse of a spent token answers REFRESH_TOKEN_REUSED and ends that login only', async () => {
    const { email, tokens: first } = await signUp();
    const other = await login(email);
    const rotated = (await refresh(first.refreshToken)).body.tokens;

    const reuse = await refresh(first.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body).toMatchObject({ status: 401, code: 'REFRESH_TOKEN_REUSED' });

    // Every token of that login is dead: the successor refresh token and its access tokens.
    const successor = await refresh(rotated.refreshToken);
    expect(successor.status).toBe(401);
    expect(successor.body.code).toBe('UNAUTHORIZED');
    expect((await me(rotated.accessToken)).status).toBe(401);
    expect((await me(first.accessToken)).status).toBe(401);

    // The user's other login goes on.
    expect((await me(other.accessToken)).status).toBe(200);
    const otherRefreshed = await refresh(other.refreshToken);
    expect(otherRefreshed.status).toBe(200);
    expect((await me(otherRefreshed.body.tokens.accessToken)).status).toBe(200);
  });

  it('lets exactly one of two concurrent refreshes of one token win', async () => {
    const { tokens } = await signUp();
    const answers = await Promise.all([refresh(tokens.refreshToken), refresh(tokens.refreshToken)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    const loser = answers.find((a) => a.status === 401)!;
    expect(loser.body.code).toBe('REFRESH_TOKEN_REUSED');
  });

  it('answers 401 UNAUTHORIZED for unknown, expired and revoked tokens', async () => {
    const unknown = await refresh('A'.repeat(43));
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('UNAUTHORIZED');

    const expired = await signUp();
    await db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [expired.userId]);
    const expiredAnswer = await refresh(expired.tokens.refreshToken);
    expect(expiredAnswer.status).toBe(401);
    expect(expiredAnswer.body.code).toBe('UNAUTHORIZED');

    const revoked = await signUp();
    expect((await t.http.post('/v1/auth/logout', { refreshToken: revoked.tokens.refreshToken })).status).toBe(204);
    const revokedAnswer = await refresh(revoked.tokens.refreshToken);
    expect(revokedAnswer.status).toBe(401);
    expect(revokedAnswer.body.code).toBe('UNAUTHORIZED');
  });

  it('validates the refresh body', async () => {
    for (const body of [{}, { refreshToken: 7 }, { refreshToken: '' }, { refreshToken: 'x', extra: 1 }]) {
      const res = await t.http.post('/v1/auth/refresh', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('logs out: 204, that login ends (refresh and access tokens), the other login goes on', async () => {
    const { email, tokens } = await signUp();
    const other = await login(email);
    const rotated = (await refresh(tokens.refreshToken)).body.tokens;

    const res = await t.http.post('/v1/auth/logout', { refreshToken: rotated.refreshToken });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await refresh(rotated.refreshToken)).status).toBe(401);
    expect((await me(rotated.accessToken)).status).toBe(401);
    expect((await me(tokens.accessToken)).status).toBe(401);

    expect((await me(other.accessToken)).status).toBe(200);
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('logs out idempotently, also for an unknown token', async () => {
    const { tokens } = await signUp();
    expect((await t.http.post('/v1/auth/logout', { refreshToken: tokens.refreshToken })).status).toBe(204);
    expect((await t.http.post('/v1/auth/logout', { refreshToken: tokens.refreshToken })).status).toBe(204);
    expect((await t.http.post('/v1/auth/logout', { refreshToken: 'never-issued' })).status).toBe(204);
    expect((await t.http.post('/v1/auth/logout', {})).status).toBe(400);
  });

  it('logging out with a spent token of the chain also ends the login', async () => {
    const { tokens } = await signUp();
    const rotated = (await refresh(tokens.refreshToken)).body.tokens;
    expect((await t.http.post('/v1/auth/logout', { refreshToken: tokens.refreshToken })).status).toBe(204);
    expect((await refresh(rotated.refreshToken)).status).toBe(401);
    expect((await me(rotated.accessToken)).status).toBe(401);
  });

  it('rejects malformed, forged and missing access tokens', async () => {
    const { tokens } = await signUp();
    expect((await t.http.get('/v1/me')).status).toBe(401);
    expect((await t.http.get('/v1/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    const [header, payload] = tokens.accessToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged').toString('base64url')}`;
    const res = await me(forged);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await me(unsigned)).status).toBe(401);
  });
});

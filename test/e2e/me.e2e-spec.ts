import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { FeedMaintenanceService } from '../../src/feed/feed-maintenance.service';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'correct horse battery';

describe('/v1/me', () => {
  let t: TestApp;
  let db: DataSource;
  let seq = 0;

  const signUp = async (displayName = 'Mia') => {
    const email = `me${++seq}@example.org`;
    const res = await t.http.post('/v1/auth/register', { email, password: PASSWORD, displayName });
    expect(res.status).toBe(201);
    return { email, user: res.body.user, tokens: res.body.tokens, token: res.body.tokens.accessToken as string };
  };
  const topic = async (slug: string): Promise<string> => {
    const [row] = await db.query(`INSERT INTO topics (slug, name) VALUES ($1, $1) RETURNING id`, [slug]);
    return row.id;
  };
  const follow = async (userId: string, topicId: string) => {
    await db.query('INSERT INTO follows (topic_id, user_id) VALUES ($1, $2)', [topicId, userId]);
    await db.query('UPDATE topics SET follower_count = follower_count + 1 WHERE id = $1', [topicId]);
  };
  const followerCount = async (topicId: string): Promise<number> =>
    (await db.query('SELECT follower_count FROM topics WHERE id = $1', [topicId]))[0].follower_count;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  describe('GET', () => {
    it('answers the caller as a user', async () => {
      const { token, user } = await signUp();
      const res = await t.http.get('/v1/me', { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(user);
      expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'displayName', 'email', 'id', 'role']);
    });

    it('needs a token', async () => {
      const res = await t.http.get('/v1/me');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHORIZED');
      expect(res.headers['www-authenticate']).toBe('Bearer');
    });

    it('rejects unknown query parameters', async () => {
      const { token } = await signUp();
      const res = await t.http.get('/v1/me', { token, query: { fields: 'all' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('PATCH', () => {
    it('changes the display name, trimmed', async () => {
      const { token, user } = await signUp();
      const res = await t.http.patch('/v1/me', { displayName: '  Mia Wong ' }, { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...user, displayName: 'Mia Wong' });
      expect((await t.http.get('/v1/me', { token })).body.displayName).toBe('Mia Wong');
    });

    it.each([
      [{}, 'displayName'],
      [{ displayName: '' }, 'displayName'],
      [{ displayName: '   ' }, 'displayName'],
      [{ displayName: 'x'.repeat(81) }, 'displayName'],
      [{ displayName: 7 }, 'displayName'],
      [{ displayName: 'Ok', role: 'admin' }, 'role'],
      [{ displayName: 'Ok', email: 'other@example.org' }, 'email'],
    ])('rejects %j with 400 naming %s and changes nothing', async (body, field) => {
      const { token, user } = await signUp();
      const res = await t.http.patch('/v1/me', body, { token });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await t.http.get('/v1/me', { token })).body).toEqual(user);
    });

    it('accepts 80 characters', async () => {
      const { token } = await signUp();
      const res = await t.http.patch('/v1/me', { displayName: 'n'.repeat(80) }, { token });
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe('n'.repeat(80));
    });

    it('needs a token', async () => {
      expect((await t.http.patch('/v1/me', { displayName: 'Nobody' })).status).toBe(401);
    });
  });

  describe('DELETE', () => {
    it('erases the account, its follows, mutes and tokens, and keeps follower counts right', async () => {
      const other = await signUp('Other');
      const { email, user, tokens, token } = await signUp();
      const second = (await t.http.post('/v1/auth/login', { email, password: PASSWORD })).body.tokens;
      const [world, tech, sport] = [await topic(`world-${seq}`), await topic(`tech-${seq}`), await topic(`sport-${seq}`)];
      await follow(user.id, world);
      await follow(user.id, tech);
      await follow(other.user.id, tech);
      await follow(other.user.id, sport);
      await db.query('INSERT INTO mutes (user_id, topic_id) VALUES ($1, $2)', [user.id, sport]);

      const feed = t.app.get(FeedMaintenanceService);
      const original = feed.eraseUser.bind(feed);
      let rowsAtErase: unknown[] | undefined;
      const spy = jest.spyOn(feed, 'eraseUser').mockImplementation(async (userId: string) => {
        rowsAtErase = await db.query('SELECT id FROM users WHERE id = $1', [userId]);
        return original(userId);
      });
      try {
        const res = await t.http.delete('/v1/me', { token });
        expect(res.status).toBe(204);
        expect(res.text).toBe('');
        expect(spy).toHaveBeenCalledWith(user.id);
        expect(rowsAtErase).toEqual([]); // called after the erasure committed
      } finally {
        spy.mockRestore();
      }

      expect(await followerCount(world)).toBe(0);
      expect(await followerCount(tech)).toBe(1);
      expect(await followerCount(sport)).toBe(1);
      for (const table of ['users WHERE id', 'follows WHERE user_id', 'mutes WHERE user_id', 'refresh_tokens WHERE user_id']) {
        expect(await db.query(`SELECT 1 FROM ${table} = $1`, [user.id])).toEqual([]);
      }
      // The other reader is untouched.
      expect(await db.query('SELECT topic_id FROM follows WHERE user_id = $1 ORDER BY topic_id', [other.user.id])).toHaveLength(2);
      expect((await t.http.get('/v1/me', { token: other.token })).status).toBe(200);

      // Every token of the erased account stops working.
      for (const accessToken of [token, second.accessToken]) {
        const res = await t.http.get('/v1/me', { token: accessToken });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHORIZED');
      }
      for (const refreshToken of [tokens.refreshToken, second.refreshToken]) {
        expect((await t.http.post('/v1/auth/refresh', { refreshToken })).status).toBe(401);
      }
      expect((await t.http.delete('/v1/me', { token })).status).toBe(401);
      const login = await t.http.post('/v1/auth/login', { email, password: PASSWORD });
      expect(login.status).toBe(401);
      expect(login.body.code).toBe('INVALID_CREDENTIALS');

      // The email is free again.
      const again = await t.http.post('/v1/auth/register', { email, password: PASSWORD, displayName: 'Back' });
      expect(again.status).toBe(201);
      expect(again.body.user.id).not.toBe(user.id);
    });

    it('needs a token and rejects query parameters', async () => {
      expect((await t.http.delete('/v1/me')).status).toBe(401);
      const { token } = await signUp();
      expect((await t.http.delete('/v1/me', { token, query: { hard: 'true' } })).status).toBe(400);
      expect((await t.http.get('/v1/me', { token })).status).toBe(200);
    });
  });

  it('is documented in OpenAPI', async () => {
    const doc = await t.http.get('/docs-json');
    expect(Object.keys(doc.body.paths['/v1/me']).sort()).toEqual(expect.arrayContaining(['delete', 'get', 'patch']));
  });
});

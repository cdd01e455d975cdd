import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { FeedMaintenanceService } from '../../src/feed/feed-maintenance.service';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';

describe('follows', () => {
  let t: TestApp;
  let db: DataSource;
  let editor: string;

  const createTopic = async (name: string): Promise<{ id: string; slug: string }> => {
    const res = await t.http.post('/v1/topics', { name }, { token: editor });
    expect(res.status).toBe(201);
    return res.body;
  };
  const followerCount = async (slug: string): Promise<number> => (await t.http.get(`/v1/topics/${slug}`)).body.followerCount;
  const followRows = async (topicId: string): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM follows WHERE topic_id = $1`, [topicId]))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    editor = (await createUser(t, { role: 'editor' })).token;
    for (const name of ['Climate', 'Energy', 'Oceans', 'Crowded', 'Repeated']) await createTopic(name);
  });
  afterAll(() => t.close());

  describe('PUT /v1/me/follows/{slug}', () => {
    it('follows a topic, answering the topic with its new followerCount and followedAt', async () => {
      const { token } = await createUser(t);
      const res = await t.http.put('/v1/me/follows/climate', undefined, { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        topic: { id: expect.any(String), slug: 'climate', name: 'Climate', description: null, parentSlug: null, followerCount: 1 },
        followedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(await followerCount('climate')).toBe(1);
    });

    it('is idempotent: a repeat answers 200 with the original followedAt and leaves followerCount alone', async () => {
      const { token } = await createUser(t);
      const first = await t.http.put('/v1/me/follows/energy', undefined, { token });
      const again = await t.http.put('/v1/me/follows/energy', undefined, { token });
      expect(again.status).toBe(200);
      expect(again.body.followedAt).toBe(first.body.followedAt);
      expect(again.body.topic.followerCount).toBe(1);
      expect(await followerCount('energy')).toBe(1);
    });

    it('counts 30 different users following one topic at once', async () => {
      const users = await Promise.all(Array.from({ length: 30 }, () => createUser(t)));
      const topic = await createTopic('Stampede');
      const answers = await Promise.all(users.map(({ token }) => t.http.put('/v1/me/follows/stampede', undefined, { token })));
      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
      expect(answers.map((a) => a.body.topic.followerCount).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(await followerCount('stampede')).toBe(30);
      expect(await followRows(topic.id)).toBe(30);

      const gone = await Promise.all(users.map(({ token }) => t.http.delete('/v1/me/follows/stampede', { token })));
      expect(gone.map((a) => a.status)).toEqual(Array(30).fill(204));
      expect(await followerCount('stampede')).toBe(0);
      expect(await followRows(topic.id)).toBe(0);
    });

    it('counts one user once when the same follow arrives 10 times at once', async () => {
      const { token } = await createUser(t);
      const answers = await Promise.all(Array.from({ length: 10 }, () => t.http.put('/v1/me/follows/repeated', undefined, { token })));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(new Set(answers.map((a) => a.body.followedAt)).size).toBe(1);
      expect(await followerCount('repeated')).toBe(1);

      const removals = await Promise.all(Array.from({ length: 10 }, () => t.http.delete('/v1/me/follows/repeated', { token })));
      expect(removals.map((a) => a.status)).toEqual(Array(10).fill(204));
      expect(await followerCount('repeated')).toBe(0);
    });

    it.each(['no-such-topic', 'Not-A-Slug', '%00', '1', 'x'.repeat(300)])('answers 404 TOPIC_NOT_FOUND for %s', async (slug) => {
      const { token, user } = await createUser(t);
      const res = await t.http.put(`/v1/me/follows/${slug}`, undefined, { token });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('TOPIC_NOT_FOUND');
      expect((await db.query(`SELECT count(*)::int AS n FROM follows WHERE user_id = $1`, [user.id]))[0].n).toBe(0);
    });

    it('rejects unknown query parameters and changes nothing', async () => {
      const { token } = await createUser(t);
      const res = await t.http.put('/v1/me/follows/oceans', undefined, { token, query: { notify: 'yes' } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('notify');
      expect(await followerCount('oceans')).toBe(0);
    });

    it('needs a signed-in caller of any role', async () => {
      const anonymous = await t.http.put('/v1/me/follows/oceans');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('UNAUTHORIZED');
      expect((await t.http.put('/v1/me/follows/oceans', undefined, { token: 'not-a-token' })).status).toBe(401);
      expect(await followerCount('oceans')).toBe(0);
      const asEditor = await t.http.put('/v1/me/follows/oceans', undefined, { token: editor });
      expect(asEditor.status).toBe(200);
    });
  });

  describe('DELETE /v1/me/follows/{slug}', () => {
    it('unfollows with 204, idempotently, decrementing followerCount only once', async () => {
      const { token } = await createUser(t);
      const other = await createUser(t);
      await t.http.put('/v1/me/follows/crowded', undefined, { token });
      await t.http.put('/v1/me/follows/crowded', undefined, { token: other.token });
      expect(await followerCount('crowded')).toBe(2);
      const first = await t.http.delete('/v1/me/follows/crowded', { token });
      expect(first.status).toBe(204);
      expect(first.text).toBe('');
      const again = await t.http.delete('/v1/me/follows/crowded', { token });
      expect(again.status).toBe(204);
      expect(await followerCount('crowded')).toBe(1);
      const list = await t.http.get('/v1/me/follows', { token });
      expect(list.body.items).toEqual([]);
    });

    it('answers 404 TOPIC_NOT_FOUND for unknown topics', async () => {
      const { token } = await createUser(t);
      for (const slug of ['no-such-topic', 'BAD', '%00']) {
        const res = await t.http.delete(`/v1/me/follows/${slug}`, { token });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('TOPIC_NOT_FOUND');
      }
    });

    it('needs a token and rejects unknown query parameters', async () => {
      expect((await t.http.delete('/v1/me/follows/climate')).status).toBe(401);
      const { token } = await createUser(t);
      const res = await t.http.delete('/v1/me/follows/climate', { token, query: { all: 'true' } });
      expect(res.status).toBe(400);
    });
  });

  describe('GET /v1/me/follows', () => {
    it('lists every follow, newest first, unpaged', async () => {
      const { token } = await createUser(t);
      for (const slug of ['oceans', 'climate', 'energy']) {
        expect((await t.http.put(`/v1/me/follows/${slug}`, undefined, { token })).status).toBe(200);
      }
      const res = await t.http.get('/v1/me/follows', { token });
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items.map((i: { topic: { slug: string } }) => i.topic.slug)).toEqual(['energy', 'climate', 'oceans']);
      const times = res.body.items.map((i: { followedAt: string }) => Date.parse(i.followedAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(res.body.items[0].topic).toEqual({
        id: expect.any(String),
        slug: 'energy',
        name: 'Energy',
        description: null,
        parentSlug: null,
        followerCount: await followerCount('energy'),
      });
      expect(res.headers.link).toBeUndefined();
    });

    it('is empty for a new user, needs a token and rejects query parameters', async () => {
      const { token } = await createUser(t);
      expect((await t.http.get('/v1/me/follows', { token })).body).toEqual({ items: [], nextCursor: null });
      expect((await t.http.get('/v1/me/follows')).status).toBe(401);
      const paged = await t.http.get('/v1/me/follows', { token, query: { limit: '5' } });
      expect(paged.status).toBe(400);
      expect(paged.body.errors[0].field).toBe('limit');
    });
  });

  describe('the cap of 1000 follows', () => {
    let token: string;
    let userId: string;

    beforeAll(async () => {
      ({
        token,
        user: { id: userId },
      } = await createUser(t));
      await db.query(`INSERT INTO topics (slug, name) SELECT 'bulk-' || g, 'Bulk ' || g FROM generate_series(1, 1005) g`);
      await db.query(
        `WITH f AS (INSERT INTO follows (topic_id, user_id)
           SELECT id, $1 FROM topics WHERE slug ~ '^bulk-[0-9]+$' AND substring(slug from 6)::int <= 999 RETURNING topic_id)
         UPDATE topics SET follower_count = follower_count + 1 WHERE id IN (SELECT topic_id FROM f)`,
        [userId],
      );
    });

    it('lets several concurrent follows past 999 take only the last place', async () => {
      const slugs = ['bulk-1000', 'bulk-1001', 'bulk-1002', 'bulk-1003', 'bulk-1004'];
      const answers = await Promise.all(slugs.map((slug) => t.http.put(`/v1/me/follows/${slug}`, undefined, { token })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
      const refused = answers.filter((a) => a.status === 409);
      expect(refused.every((a) => a.body.code === 'FOLLOW_LIMIT')).toBe(true);
      const counts = await Promise.all(slugs.map(followerCount));
      expect(counts.sort()).toEqual([0, 0, 0, 0, 1]);
      expect((await db.query(`SELECT count(*)::int AS n FROM follows WHERE user_id = $1`, [userId]))[0].n).toBe(1000);
    });

    it('answers 409 FOLLOW_LIMIT beyond 1000 and changes nothing', async () => {
      const topic = await createTopic('One Too Many');
      const res = await t.http.put('/v1/me/follows/one-too-many', undefined, { token });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('FOLLOW_LIMIT');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await followerCount('one-too-many')).toBe(0);
      expect(await followRows(topic.id)).toBe(0);
    });

    it('still answers a repeat of an existing follow at the cap with 200', async () => {
      const res = await t.http.put('/v1/me/follows/bulk-1', undefined, { token });
      expect(res.status).toBe(200);
      expect(res.body.topic.followerCount).toBe(1);
    });

    it('lists all 1000 and makes room after an unfollow', async () => {
      const list = await t.http.get('/v1/me/follows', { token });
      expect(list.body.items).toHaveLength(1000);
      expect(new Set(list.body.items.map((i: { topic: { slug: string } }) => i.topic.slug)).size).toBe(1000);
      expect((await t.http.delete('/v1/me/follows/bulk-2', { token })).status).toBe(204);
      const res = await t.http.put('/v1/me/follows/one-too-many', undefined, { token });
      expect(res.status).toBe(200);
      expect(res.body.topic.followerCount).toBe(1);
    });
  });

  describe('telling the feed', () => {
    let feed: FeedMaintenanceService;
    const calls: { method: string; userId: string; topicId: string; committed: boolean }[] = [];

    beforeAll(() => {
      feed = t.app.get(FeedMaintenanceService);
      jest.spyOn(feed, 'onFollow').mockImplementation(async (userId: string, topicId: string) => {
        // Read from another connection: true only when the change was committed before the call.
        const rows: unknown[] = await db.query(`SELECT 1 FROM follows WHERE user_id = $1 AND topic_id = $2`, [userId, topicId]);
        calls.push({ method: 'onFollow', userId, topicId, committed: rows.length === 1 });
      });
    });
    afterAll(() => jest.restoreAllMocks());

    // A repeated PUT backfills again: the merge is idempotent, and a retry then repairs a backfill
    // that failed after the follow was committed.
    it('calls onFollow after commit on every PUT, and nothing on unfollow', async () => {
      const { token, user } = await createUser(t);
      const topic = await createTopic('Signals');
      await t.http.put('/v1/me/follows/signals', undefined, { token });
      await t.http.put('/v1/me/follows/signals', undefined, { token });
      await t.http.delete('/v1/me/follows/signals', { token });
      await t.http.delete('/v1/me/follows/signals', { token });
      await t.http.put('/v1/me/follows/no-such-topic', undefined, { token });
      expect(calls).toEqual([
        { method: 'onFollow', userId: user.id, topicId: topic.id, committed: true },
        { method: 'onFollow', userId: user.id, topicId: topic.id, committed: true },
      ]);
    });
  });
});

import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { FeedMaintenanceService } from '../../src/feed/feed-maintenance.service';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';

describe('mutes', () => {
  let t: TestApp;
  let db: DataSource;
  let editor: string;

  const muteRows = async (userId: string): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS n FROM mutes WHERE user_id = $1`, [userId]))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    editor = (await createUser(t, { role: 'editor' })).token;
    for (const name of ['Celebrities', 'Sport', 'Weather']) {
      expect((await t.http.post('/v1/topics', { name }, { token: editor })).status).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('mutes a topic, idempotently, keeping the original mutedAt', async () => {
    const { token, user } = await createUser(t);
    const first = await t.http.put('/v1/me/mutes/celebrities', undefined, { token });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      topic: { id: expect.any(String), slug: 'celebrities', name: 'Celebrities', description: null, parentSlug: null, followerCount: 0 },
      mutedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.http.put('/v1/me/mutes/celebrities', undefined, { token })));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200));
    expect(answers.every((a) => a.body.mutedAt === first.body.mutedAt)).toBe(true);
    expect(await muteRows(user.id)).toBe(1);
  });

  it('lists mutes newest first, unpaged', async () => {
    const { token } = await createUser(t);
    for (const slug of ['weather', 'sport', 'celebrities']) {
      expect((await t.http.put(`/v1/me/mutes/${slug}`, undefined, { token })).status).toBe(200);
    }
    const res = await t.http.get('/v1/me/mutes', { token });
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((i: { topic: { slug: string } }) => i.topic.slug)).toEqual(['celebrities', 'sport', 'weather']);
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['mutedAt', 'topic']);
  });

  it('unmutes with 204, idempotently', async () => {
    const { token, user } = await createUser(t);
    await t.http.put('/v1/me/mutes/sport', undefined, { token });
    const first = await t.http.delete('/v1/me/mutes/sport', { token });
    expect(first.status).toBe(204);
    expect((await t.http.delete('/v1/me/mutes/sport', { token })).status).toBe(204);
    expect(await muteRows(user.id)).toBe(0);
    expect((await t.http.get('/v1/me/mutes', { token })).body).toEqual({ items: [], nextCursor: null });
  });

  it('allows following and muting the same topic, and a mute leaves followerCount alone', async () => {
    const { token } = await createUser(t);
    expect((await t.http.put('/v1/me/follows/weather', undefined, { token })).status).toBe(200);
    const muted = await t.http.put('/v1/me/mutes/weather', undefined, { token });
    expect(muted.status).toBe(200);
    expect(muted.body.topic.followerCount).toBe(1);
    expect((await t.http.get('/v1/me/follows', { token })).body.items).toHaveLength(1);
    expect((await t.http.get('/v1/me/mutes', { token })).body.items).toHaveLength(1);
    expect((await t.http.delete('/v1/me/mutes/weather', { token })).status).toBe(204);
    expect((await t.http.get('/v1/topics/weather')).body.followerCount).toBe(1);
  });

  it('answers 404 TOPIC_NOT_FOUND for unknown topics, on PUT and DELETE', async () => {
    const { token, user } = await createUser(t);
    for (const slug of ['no-such-topic', 'UPPER', '%00', 'y'.repeat(150)]) {
      const put = await t.http.put(`/v1/me/mutes/${slug}`, undefined, { token });
      expect(put.status).toBe(404);
      expect(put.body.code).toBe('TOPIC_NOT_FOUND');
      const del = await t.http.delete(`/v1/me/mutes/${slug}`, { token });
      expect(del.status).toBe(404);
      expect(del.body.code).toBe('TOPIC_NOT_FOUND');
    }
    expect(await muteRows(user.id)).toBe(0);
  });

  it('needs a token and rejects unknown query parameters', async () => {
    expect((await t.http.get('/v1/me/mutes')).status).toBe(401);
    expect((await t.http.put('/v1/me/mutes/sport')).status).toBe(401);
    expect((await t.http.delete('/v1/me/mutes/sport')).status).toBe(401);
    const { token, user } = await createUser(t);
    for (const res of [
      await t.http.get('/v1/me/mutes', { token, query: { cursor: 'x' } }),
      await t.http.put('/v1/me/mutes/sport', undefined, { token, query: { for: 'ever' } }),
      await t.http.delete('/v1/me/mutes/sport', { token, query: { x: '1' } }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await muteRows(user.id)).toBe(0);
  });

  it('answers 409 MUTE_LIMIT beyond 1000 mutes, yet repeats of existing mutes still answer 200', async () => {
    const { token, user } = await createUser(t);
    await db.query(`INSERT INTO topics (slug, name) SELECT 'noise-' || g, 'Noise ' || g FROM generate_series(1, 1000) g`);
    await db.query(`INSERT INTO mutes (user_id, topic_id) SELECT $1, id FROM topics WHERE slug LIKE 'noise-%'`, [user.id]);
    const res = await t.http.put('/v1/me/mutes/sport', undefined, { token });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MUTE_LIMIT');
    expect(await muteRows(user.id)).toBe(1000);
    expect((await t.http.put('/v1/me/mutes/noise-7', undefined, { token })).status).toBe(200);
    expect((await t.http.delete('/v1/me/mutes/noise-7', { token })).status).toBe(204);
    expect((await t.http.put('/v1/me/mutes/sport', undefined, { token })).status).toBe(200);
    expect(await muteRows(user.id)).toBe(1000);
  });

  it('tells the feed of an unmute after commit, and only when something changed', async () => {
    const feed = t.app.get(FeedMaintenanceService);
    const calls: string[] = [];
    jest.spyOn(feed, 'onUnmute').mockImplementation(async (userId: string, topicId: string) => {
      const rows: unknown[] = await db.query(`SELECT 1 FROM mutes WHERE user_id = $1 AND topic_id = $2`, [userId, topicId]);
      calls.push(`onUnmute:${userId}:${topicId}:${rows.length}`);
    });
    try {
      const { token, user } = await createUser(t);
      const topicId = (await t.http.get('/v1/topics/sport')).body.id;
      await t.http.put('/v1/me/mutes/sport', undefined, { token });
      await t.http.put('/v1/me/mutes/sport', undefined, { token });
      await t.http.delete('/v1/me/mutes/sport', { token });
      await t.http.delete('/v1/me/mutes/sport', { token });
      expect(calls).toEqual([`onUnmute:${user.id}:${topicId}:0`]);
    } finally {
      jest.restoreAllMocks();
    }
  });
});

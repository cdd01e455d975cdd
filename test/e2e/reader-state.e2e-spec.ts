import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AccessTokenService } from '../../src/auth/access-token.service';
import { FanoutWatermarks } from '../../src/feed/fanout-watermarks';
import { FeedKeys } from '../../src/feed/feed-keys';
import { RankedTopService } from '../../src/feed/ranked-top.service';
import { WindowPages } from '../../src/feed/window-pages';
import { REDIS } from '../../src/infra/redis/redis.module';
import { decodeReaderState, ReaderState } from '../../src/reader-state/reader-state';
import { ReaderStateRepairsRepository } from '../../src/reader-state/reader-state-repairs.repository';
import {
  READER_STATE_REPAIR_BOUND_SECONDS,
  REPAIR_NOTE_AGE_SECONDS,
  ReaderStateRepairSweep,
} from '../../src/reader-state/reader-state-repair-sweep';
import { ReaderStateStore } from '../../src/reader-state/reader-state.store';
import { Newsroom } from '../support/newsroom';
import { recordPostgresQueries } from '../support/postgres-queries';
import { eventually, pauseQueues, waitForQueuesIdle } from '../support/queues';
import { recordRedisCommands } from '../support/redis-commands';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const PASSWORD = 'correct horse battery staple';

describe('reader state in Redis', () => {
  let t: TestApp;
  let news: Newsroom;
  let redis: Redis;
  let keys: FeedKeys;

  const storedState = async (userId: string): Promise<ReaderState | null> => {
    const raw = await redis.hget(keys.readerState(userId), 's');
    return raw === null ? null : decodeReaderState(raw);
  };
  const events = (token: string, list: Record<string, unknown>[]) => t.http.post('/v1/feed/events', { events: list }, { token });

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
    redis = t.app.get(REDIS);
    keys = t.app.get(FeedKeys);
  });
  afterAll(() => t.close());

  it('shows follow, unfollow, mute and hide on the very next read after a warm one', async () => {
    const [a, b, c] = [await news.topic(), await news.topic(), await news.topic()];
    const onlyA = await news.publish([a], { publishedAt: minutesAgo(30) });
    const onlyB = await news.publish([b], { publishedAt: minutesAgo(20) });
    const aAndC = await news.publish([a, c], { publishedAt: minutesAgo(10) });
    await waitForQueuesIdle(t);
    const reader = await news.reader([a]);
    expect(await news.feedIds(reader.token)).toEqual([aAndC.id, onlyA.id]);
    // The first read built the feed (and marked the reader active, which drops the state); this one is warm.
    expect(await news.feedIds(reader.token)).toEqual([aAndC.id, onlyA.id]);
    expect(await storedState(reader.user.id)).not.toBeNull();

    await t.http.put(`/v1/me/follows/${b}`, undefined, { token: reader.token });
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([aAndC.id, onlyB.id, onlyA.id]);

    await t.http.put(`/v1/me/mutes/${c}`, undefined, { token: reader.token });
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([onlyB.id, onlyA.id]);

    await t.http.delete(`/v1/me/follows/${a}`, { token: reader.token });
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([onlyB.id]);

    await t.http.put(`/v1/me/follows/${a}`, undefined, { token: reader.token });
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([onlyB.id, onlyA.id]);
    expect((await events(reader.token, [{ articleId: onlyB.id, type: 'hide' }])).status).toBe(202);
    expect(await news.feedIds(reader.token, { mode: 'latest' })).toEqual([onlyA.id]);
  });

  it('shows less_like_this in the ranked order of the very next read (the kept ranked top is dropped)', async () => {
    const [x, y] = [await news.topic(), await news.topic()];
    const older = await news.publish([x], { publishedAt: minutesAgo(20) });
    const newer = await news.publish([y], { publishedAt: minutesAgo(10) });
    await waitForQueuesIdle(t);
    const reader = await news.reader([x, y]);
    expect(await news.feedIds(reader.token)).toEqual([newer.id, older.id]);
    expect(await news.feedIds(reader.token)).toEqual([newer.id, older.id]);
    expect(await redis.hget(keys.readerState(reader.user.id), 'top')).not.toBeNull();
    expect((await events(reader.token, [{ articleId: newer.id, type: 'less_like_this' }])).status).toBe(202);
    expect(await news.feedIds(reader.token)).toEqual([older.id, newer.id]);
  });

  it('applies a role change to the very next request: the old login ends, a new one has the new role', async () => {
    const admin = await createUser(t, { role: 'admin' });
    const user = await createUser(t);
    expect((await t.http.post('/v1/topics', { name: `Role ${Date.now()}` }, { token: user.token })).status).toBe(403);
    const changed = await t.http.patch(`/v1/admin/users/${user.user.id}`, { role: 'editor' }, { token: admin.token });
    expect(changed.status).toBe(200);
    expect((await t.http.post('/v1/topics', { name: `Role ${Date.now()}` }, { token: user.token })).status).toBe(401);
    const tokens = t.app.get(AccessTokenService);
    const asEditor = await tokens.sign(user.user.id, randomUUID(), 1);
    expect((await t.http.post('/v1/topics', { name: `Role ${Date.now()}` }, { token: asEditor })).status).toBe(201);
    expect((await t.http.patch(`/v1/admin/users/${user.user.id}`, { role: 'reader' }, { token: admin.token })).status).toBe(200);
    expect((await t.http.get('/v1/feed', { token: asEditor })).status).toBe(401);
    const asReader = await tokens.sign(user.user.id, randomUUID(), 2);
    expect((await t.http.post('/v1/topics', { name: `Role ${Date.now()}b` }, { token: asReader })).status).toBe(403);
  });

  it('ends access at once on erasure and on logout, though the state was cached', async () => {
    const erased = await news.reader([await news.topic()]);
    expect((await t.http.get('/v1/feed', { token: erased.token })).status).toBe(200);
    expect((await t.http.delete('/v1/me', { token: erased.token })).status).toBe(204);
    expect((await t.http.get('/v1/feed', { token: erased.token })).status).toBe(401);
    expect((await t.http.get('/v1/feed/new-count', { token: erased.token, query: { since: minutesAgo(5) } })).status).toBe(401);

    const email = `state-${Date.now()}@example.org`;
    const registered = await t.http.post('/v1/auth/register', { email, password: PASSWORD, displayName: 'Lou' });
    expect(registered.status).toBe(201);
    const { accessToken, refreshToken } = registered.body.tokens;
    const other = (await t.http.post('/v1/auth/login', { email, password: PASSWORD })).body.tokens;
    expect((await t.http.get('/v1/feed', { token: accessToken })).status).toBe(200);
    expect((await t.http.post('/v1/auth/logout', { refreshToken })).status).toBe(204);
    expect((await t.http.get('/v1/feed', { token: accessToken })).status).toBe(401);
    expect((await t.http.get('/v1/me/follows', { token: accessToken })).status).toBe(401);
    expect((await t.http.get('/v1/feed', { token: other.accessToken })).status).toBe(200);
  });

  it('answers an ended login 401 before a bad query 400 on the feed', async () => {
    const email = `ended-${Date.now()}@example.org`;
    const registered = await t.http.post('/v1/auth/register', { email, password: PASSWORD, displayName: 'Noor' });
    const { accessToken, refreshToken } = registered.body.tokens;
    expect((await t.http.get('/v1/feed', { token: accessToken, query: { limit: '0' } })).status).toBe(400);
    expect((await t.http.post('/v1/auth/logout', { refreshToken })).status).toBe(204);
    const queries: Record<string, string>[] = [{ limit: '0' }, { mode: 'oldest' }, { limit: '5', extra: '1' }, { cursor: 'not-a-cursor' }];
    for (const query of queries) {
      const answer = await t.http.get('/v1/feed', { token: accessToken, query });
      expect([answer.status, answer.body.code]).toEqual([401, 'UNAUTHORIZED']);
    }
  });

  it('rebuilds a wiped reader state from Postgres, item for item', async () => {
    const [a, b, m] = [await news.topic(), await news.topic(), await news.topic()];
    const articles = [];
    for (let i = 0; i < 4; i++) articles.push(await news.publish([i % 2 ? a : b], { publishedAt: minutesAgo(40 - i) }));
    await waitForQueuesIdle(t);
    const reader = await news.reader([a, b], [m]);
    await news.feedIds(reader.token);
    await events(reader.token, [
      { articleId: articles[0].id, type: 'hide' },
      { articleId: articles[1].id, type: 'open' },
      { articleId: articles[2].id, type: 'save' },
    ]);
    await news.feedIds(reader.token);
    const before = await storedState(reader.user.id);
    expect(before).not.toBeNull();
    expect(before!.hidden).toEqual(new Set([Number(articles[0].id)]));
    expect(before!.opened).toEqual(new Set([Number(articles[1].id)]));
    expect(before!.affinities.length).toBe(2);

    await redis.del(keys.readerState(reader.user.id));
    expect(await storedState(reader.user.id)).toBeNull();
    const ids = await news.feedIds(reader.token);
    expect(ids).not.toContain(articles[0].id);
    const after = await storedState(reader.user.id);
    expect(after).toEqual(before);
  });

  it('answers If-None-Match with 304 from versions, before any page is built, and 200 once anything changed', async () => {
    const topic = await news.topic();
    const first = await news.publish([topic], { publishedAt: minutesAgo(20) });
    await news.publish([topic], { publishedAt: minutesAgo(10) });
    await waitForQueuesIdle(t);
    const reader = await news.reader([topic]);
    for (const mode of ['ranked', 'latest']) {
      await t.http.get('/v1/feed', { token: reader.token, query: { mode } });
      await t.http.get('/v1/feed', { token: reader.token, query: { mode } });
      const warm = await t.http.get('/v1/feed', { token: reader.token, query: { mode } });
      expect(warm.status).toBe(200);
      const etag = String(warm.headers.etag);
      const fromTop = jest.spyOn(t.app.get(RankedTopService), 'fromTop');
      const fromWindow = jest.spyOn(t.app.get(WindowPages), 'fromWindow');
      try {
        const again = await t.http.get('/v1/feed', { token: reader.token, query: { mode }, headers: { 'if-none-match': etag } });
        expect(again.status).toBe(304);
        expect(again.text).toBe('');
        expect(fromTop).not.toHaveBeenCalled();
        expect(fromWindow).not.toHaveBeenCalled();
      } finally {
        fromTop.mockRestore();
        fromWindow.mockRestore();
      }
    }
    const before = String((await t.http.get('/v1/feed', { token: reader.token, query: { mode: 'latest' } })).headers.etag);
    expect((await events(reader.token, [{ articleId: first.id, type: 'hide' }])).status).toBe(202);
    const changed = await t.http.get('/v1/feed', { token: reader.token, query: { mode: 'latest' }, headers: { 'if-none-match': before } });
    expect(changed.status).toBe(200);
    expect(changed.body.items).toHaveLength(1);
  });

  it('sends Postgres no query during warm reads of either mode, first and later pages, new-count and the guard, however old the copy', async () => {
    const topic = await news.topic();
    for (let i = 0; i < 6; i++) await news.publish([topic], { publishedAt: minutesAgo(30 - i) });
    await waitForQueuesIdle(t);
    const reader = await news.reader([topic]);
    const query = (mode: string, cursor?: string) => ({ mode, limit: '2', ...(cursor ? { cursor } : {}) });
    const warmUp = await t.http.get('/v1/feed', { token: reader.token, query: query('ranked') });
    await t.http.get('/v1/feed', { token: reader.token, query: query('latest') });
    const rankedNext = warmUp.body.nextCursor as string;
    const latestNext = (await t.http.get('/v1/feed', { token: reader.token, query: query('latest') })).body.nextCursor as string;
    await t.http.get('/v1/feed', { token: reader.token, query: query('ranked', rankedNext) });
    await t.http.get('/v1/feed', { token: reader.token, query: query('latest', latestNext) });

    // The API re-reads the fan-out watermarks once a second whatever the reads, and the in-process workers run their
    // periodic jobs: both stopped here, so only reads count.
    t.app.get(FanoutWatermarks).onModuleDestroy();
    const resumeQueues = await pauseQueues(t);
    // Two minutes on: the copy was read from Postgres longer ago than the 60 s an older release trusted it for.
    const realNow = Date.now.bind(Date);
    const later = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 120_000);
    const counter = recordPostgresQueries();
    try {
      for (let i = 0; i < 10; i++) {
        for (const q of [query('ranked'), query('latest'), query('ranked', rankedNext), query('latest', latestNext)]) {
          const res = await t.http.get('/v1/feed', { token: reader.token, query: q });
          expect(res.status).toBe(200);
          expect(res.body.items).toHaveLength(2);
        }
        expect((await t.http.get('/v1/feed/new-count', { token: reader.token, query: { since: minutesAgo(60) } })).body.count).toBe(6);
      }
      expect(counter.sent).toEqual([]);
    } finally {
      counter.restore();
      later.mockRestore();
      await resumeQueues();
    }
  });

  it('reads a warm page of either mode, first or later, in ONE Redis round trip (state, window and cards)', async () => {
    const topic = await news.topic();
    for (let i = 0; i < 6; i++) await news.publish([topic], { publishedAt: minutesAgo(30 - i) });
    await waitForQueuesIdle(t);
    const reader = await news.reader([topic]);
    const query = (mode: string, cursor?: string) => ({ mode, limit: '2', ...(cursor ? { cursor } : {}) });
    const rankedNext = (await t.http.get('/v1/feed', { token: reader.token, query: query('ranked') })).body.nextCursor as string;
    await t.http.get('/v1/feed', { token: reader.token, query: query('latest') });
    const latestNext = (await t.http.get('/v1/feed', { token: reader.token, query: query('latest') })).body.nextCursor as string;
    await t.http.get('/v1/feed', { token: reader.token, query: query('ranked') });
    await t.http.get('/v1/feed', { token: reader.token, query: query('ranked', rankedNext) });
    await t.http.get('/v1/feed', { token: reader.token, query: query('latest', latestNext) });

    const { sent, restore } = recordRedisCommands(t.app);
    try {
      for (const q of [query('ranked'), query('latest'), query('ranked', rankedNext), query('latest', latestNext)]) {
        sent.length = 0;
        const res = await t.http.get('/v1/feed', { token: reader.token, query: q });
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(2);
        // On a cluster the prefetched cards lie in other slots: the script names them and one MGET per slot follows, in parallel.
        const expected = t.config.REDIS_CLUSTER_NODES ? ['evalsha', ...sent.slice(1).map(() => 'mget')] : ['evalsha'];
        expect({ query: q, sent }).toEqual({ query: q, sent: expected });
      }
    } finally {
      restore();
    }
  });
});

describe('reader state: the repair record (a Redis drop lost after the Postgres commit)', () => {
  let t: TestApp;
  let news: Newsroom;
  let db: DataSource;
  let redis: Redis;
  let keys: FeedKeys;
  // The bound, from the note (taken before the commit), and a margin for the job's pickup on a busy box.
  const boundMs = READER_STATE_REPAIR_BOUND_SECONDS * 1000 + 2_000;

  const notesOf = async (userId: string): Promise<number> =>
    (await db.query('SELECT count(*)::int AS n FROM reader_state_repairs WHERE user_id = $1', [userId]))[0].n;
  /** A reader of `a` whose warm feed shows `muted` until their mute of `m` reaches the read path. */
  const mutingReader = async () => {
    const [a, m] = [await news.topic(), await news.topic()];
    const kept = await news.publish([a], { publishedAt: minutesAgo(20) });
    const muted = await news.publish([a, m], { publishedAt: minutesAgo(10) });
    await waitForQueuesIdle(t);
    const reader = await news.reader([a]);
    expect(await news.feedIds(reader.token)).toEqual([muted.id, kept.id]);
    expect(await news.feedIds(reader.token)).toEqual([muted.id, kept.id]);
    return { reader, m, kept, muted };
  };

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
    db = t.app.get(DataSource);
    redis = t.app.get(REDIS);
    keys = t.app.get(FeedKeys);
  });
  afterAll(() => t.close());

  it('repairs a failed drop within the bound: the note stays, the sweep drops the copy', async () => {
    const { reader, m, kept, muted } = await mutingReader();
    const store = t.app.get(ReaderStateStore);
    const spy = jest.spyOn(store, 'invalidate').mockRejectedValueOnce(new Error('Redis went away'));
    const notedBefore = Date.now();
    expect((await t.http.put(`/v1/me/mutes/${m}`, undefined, { token: reader.token })).status).toBe(200);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    expect(await notesOf(reader.user.id)).toBeGreaterThan(0);
    // The copy still holds the old mutes for now: the read that follows is stale, but not for long.
    expect(await news.feedIds(reader.token)).toEqual([muted.id, kept.id]);
    const repaired = async () => (await news.feedIds(reader.token)).join() === kept.id && (await notesOf(reader.user.id)) === 0;
    await eventually(repaired, { timeoutMs: boundMs, intervalMs: 100 });
    expect(Date.now() - notedBefore).toBeLessThanOrEqual(boundMs);
  });

  it('repairs within the bound a change whose process died between the commit and the drop', async () => {
    const { reader, m, kept, muted } = await mutingReader();
    const notedBefore = Date.now();
    await t.app.get(ReaderStateRepairsRepository).note([reader.user.id]);
    await db.query('INSERT INTO mutes (user_id, topic_id) SELECT $1, id FROM topics WHERE slug = $2', [reader.user.id, m]);
    expect(await news.feedIds(reader.token)).toEqual([muted.id, kept.id]);
    const repaired = async () => (await news.feedIds(reader.token)).join() === kept.id && (await notesOf(reader.user.id)) === 0;
    await eventually(repaired, { timeoutMs: boundMs, intervalMs: 100 });
    expect(Date.now() - notedBefore).toBeLessThanOrEqual(boundMs);
  });

  it(`leaves a note younger than ${REPAIR_NOTE_AGE_SECONDS} s to its change, and sweeps it once older`, async () => {
    const { reader } = await mutingReader();
    const stateKey = keys.readerState(reader.user.id);
    expect(await redis.hget(stateKey, 's')).not.toBeNull();
    const sweep = t.app.get(ReaderStateRepairSweep);
    const [note] = await t.app.get(ReaderStateRepairsRepository).note([reader.user.id]);
    await sweep.sweep();
    expect(await redis.hget(stateKey, 's')).not.toBeNull();
    expect(await notesOf(reader.user.id)).toBe(1);

    await db.query(`UPDATE reader_state_repairs SET noted_at = now() - interval '11 seconds' WHERE id = $1`, [note]);
    await sweep.sweep();
    expect(await redis.hget(stateKey, 's')).toBeNull();
    expect(await notesOf(reader.user.id)).toBe(0);
  });
});

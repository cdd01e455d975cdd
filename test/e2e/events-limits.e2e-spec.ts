import { DataSource } from 'typeorm';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { FeedEventsPruner } from '../../src/signals/feed-events-pruner';
import { Newsroom } from '../support/newsroom';
import { startTestApp, TestApp } from '../support/test-app';

describe('feed events: per-account limit and retention', () => {
  let t: TestApp;
  let news: Newsroom;
  let db: DataSource;
  let articleId: string;
  let topic: string;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    news = await Newsroom.open(t);
    db = t.app.get(DataSource);
    topic = await news.topic();
    articleId = (await news.publish([topic])).id;
  });
  afterAll(() => t.close());

  const batch = (n: number) => ({ events: Array.from({ length: n }, () => ({ articleId, type: 'dwell', dwellMs: 1000 })) });
  const send = (token: string, n: number) => t.http.post('/v1/feed/events', batch(n), { token });
  const stored = async (userId: string) =>
    Number((await db.query(`SELECT count(*)::int AS n FROM feed_events WHERE user_id = $1`, [userId]))[0].n);

  it('counts events, not requests: 1,000 an hour (default), then 429 with Retry-After', async () => {
    const reader = await news.reader([topic]);
    for (let i = 0; i < 10; i++) expect((await send(reader.token, 100)).status).toBe(202);
    const refused = await send(reader.token, 1);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await stored(reader.user.id)).toBe(1000);

    const other = await news.reader([topic]);
    expect((await send(other.token, 1)).status).toBe(202); // per account
  });

  it('refuses a batch that would pass the limit whole, storing and counting none of it', async () => {
    const reader = await news.reader([topic]);
    for (let i = 0; i < 9; i++) expect((await send(reader.token, 100)).status).toBe(202);
    expect((await send(reader.token, 50)).status).toBe(202);
    expect((await send(reader.token, 100)).status).toBe(429);
    expect(await stored(reader.user.id)).toBe(950);
    expect((await send(reader.token, 50)).status).toBe(202);
    expect(await stored(reader.user.id)).toBe(1000);
  });

  it('prunes raw events older than EVENTS_RETENTION_DAYS (90) on a schedule; preferences and history stay', async () => {
    const reader = await news.reader([topic]);
    const opened = await t.http.post(
      '/v1/feed/events',
      {
        events: [
          { articleId, type: 'open' },
          { articleId, type: 'share' },
        ],
      },
      { token: reader.token },
    );
    expect(opened.status).toBe(202);
    await db.query(`UPDATE feed_events SET received_at = now() - interval '91 days' WHERE user_id = $1`, [reader.user.id]);
    expect((await send(reader.token, 3)).status).toBe(202);
    const history = await t.http.get('/v1/me/history', { token: reader.token });
    const affinities = await db.query(`SELECT topic_id, score FROM topic_affinities WHERE user_id = $1`, [reader.user.id]);
    expect(affinities.length).toBe(1);

    expect(await t.app.get(JobProducer).queue(QUEUE.signalsUpkeep).getJobScheduler('signals.prune-events')).toBeDefined();
    expect(await t.app.get(FeedEventsPruner).prune()).toBeGreaterThanOrEqual(2);

    expect(await stored(reader.user.id)).toBe(3);
    expect(await db.query(`SELECT topic_id, score FROM topic_affinities WHERE user_id = $1`, [reader.user.id])).toEqual(affinities);
    expect((await t.http.get('/v1/me/history', { token: reader.token })).body).toEqual(history.body);
    expect(history.body.items.map((i: { article: { id: string } }) => i.article.id)).toEqual([articleId]);
  });
});

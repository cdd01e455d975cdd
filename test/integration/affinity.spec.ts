import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { FanoutChunkService } from '../../src/fanout/fanout-chunk.service';
import { FeedKeys } from '../../src/feed/feed-keys';
import { FeedStore } from '../../src/feed/feed-store';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import { REDIS } from '../../src/infra/redis/redis.module';
import { SignalIngestionService } from '../../src/signals/signal-ingestion.service';
import { Newsroom } from '../support/newsroom';
import { waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;

describe('topic affinities', () => {
  let t: TestApp;
  let news: Newsroom;
  let db: DataSource;
  let ingestion: SignalIngestionService;

  beforeAll(async () => {
    t = await startTestApp({
      workers: true,
      env: { RANK_AFFINITY_HALF_LIFE_HOURS: '24', FEED_BUCKETS: '1', FANOUT_INLINE_FOLLOWERS: '0' },
    });
    news = await Newsroom.open(t);
    db = t.app.get(DataSource);
    ingestion = t.app.get(SignalIngestionService);
  });
  afterAll(() => t.close());

  const affinity = async (userId: string, topicSlug: string): Promise<number | undefined> => {
    const rows = await db.query(
      `SELECT a.score FROM topic_affinities a JOIN topics t ON t.id = a.topic_id WHERE a.user_id = $1 AND t.slug = $2`,
      [userId, topicSlug],
    );
    return rows[0]?.score;
  };

  it('decays a stored affinity by its half-life before folding a new batch in', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    const article = await news.publish([topic]);
    await ingestion.ingest(reader.user.id, [{ articleId: article.id, type: 'save' }]);
    expect(await affinity(reader.user.id, topic)).toBeCloseTo(0.3, 5);
    await db.query(`UPDATE topic_affinities SET score = 0.6, updated_at = now() - interval '24 hours' WHERE user_id = $1`, [
      reader.user.id,
    ]);
    await ingestion.ingest(reader.user.id, [{ articleId: article.id, type: 'open' }]);
    expect(await affinity(reader.user.id, topic)).toBeCloseTo(0.3 + 0.1, 3);
  });

  it('counts a late event for what it is worth today, and keeps every topic within cap and floor', async () => {
    const [liked, disliked] = [await news.topic(), await news.topic()];
    const reader = await news.reader([liked, disliked]);
    const [a, b] = [await news.publish([liked]), await news.publish([disliked])];
    const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS).toISOString();
    await ingestion.ingest(reader.user.id, [{ articleId: a.id, type: 'share', at: twoDaysAgo }]);
    expect(await affinity(reader.user.id, liked)).toBeCloseTo(0.1, 3);

    const many = (articleId: string, type: 'share' | 'less_like_this') => Array.from({ length: 20 }, () => ({ articleId, type }));
    await ingestion.ingest(reader.user.id, [...many(a.id, 'share'), ...many(b.id, 'less_like_this')]);
    expect(await affinity(reader.user.id, liked)).toBe(0.7);
    expect(await affinity(reader.user.id, disliked)).toBe(-1.2);
  });

  it('fans one article out with each follower’s own weight in one chunk, and a repeat of the chunk changes nothing', async () => {
    const [a, other] = [await news.topic(), await news.topic()];
    const fan = await news.reader([a]);
    const skeptic = await news.reader([a, other]);
    const plain = await news.reader([a]);
    for (const r of [fan, skeptic, plain]) await news.feedIds(r.token);
    const seed = await news.publish([a, other]);
    await waitForQueuesIdle(t);
    await ingestion.ingest(fan.user.id, [{ articleId: seed.id, type: 'share' }]);
    await ingestion.ingest(skeptic.user.id, [{ articleId: seed.id, type: 'less_like_this' }]);

    const article = await news.publish([a], { priority: 'breaking' });
    await waitForQueuesIdle(t);
    const store = t.app.get(FeedStore);
    const weightOf = async (userId: string) => (await store.read(userId))!.find((r) => r.articleId === Number(article.id))!.lnWeight;
    const boost = Math.log(t.config.RANK_BREAKING_BOOST);
    expect(await weightOf(fan.user.id)).toBeCloseTo(boost + 0.4, 3);
    expect(await weightOf(skeptic.user.id)).toBeCloseTo(boost - 0.6, 3);
    expect(await weightOf(plain.user.id)).toBeCloseTo(boost, 5);

    // Replay the chunk jobs the planner enqueued: the done-marker makes each a no-op.
    const jobs = await t.app.get(JobProducer).queue('fanout').getJobs(['completed']);
    const chunks = jobs.filter((j) => j.name === 'fanout.chunk' && j.data.articleId === article.id);
    expect(chunks).toHaveLength(1);
    expect(Object.keys(chunks[0].data.lnWeightByUser).sort()).toEqual([fan.user.id, skeptic.user.id].sort());
    const redis = t.app.get<Redis>(REDIS);
    const keys = t.app.get(FeedKeys);
    const raw = () => Promise.all([fan, skeptic, plain].map((r) => redis.getBuffer(keys.feed(r.user.id))));
    const before = await raw();
    for (const job of chunks) expect(await t.app.get(FanoutChunkService).write(job.data)).toEqual({ written: 0, repeat: true });
    expect(await raw()).toEqual(before);
  });

  it('plans no per-user weights when no follower has learned anything', async () => {
    const topic = await news.topic();
    const reader = await news.reader([topic]);
    await news.feedIds(reader.token);
    const article = await news.publish([topic]);
    await waitForQueuesIdle(t);
    const jobs = await t.app.get(JobProducer).queue('fanout').getJobs(['completed']);
    const chunk = jobs.find((j) => j.name === 'fanout.chunk' && j.data.articleId === article.id)!;
    expect(chunk.data).not.toHaveProperty('lnWeightByUser');
  });
});

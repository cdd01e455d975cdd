import type { Redis } from 'ioredis';
import { FeedStore } from '../src/feed/feed-store';
import { RECORD_BYTES } from '../src/feed/feed-record';
import { RedisKeys } from '../src/infra/redis/redis.module';
import { bucketBatches } from './lib/fanout-baselines';
import { idsOf } from './lib/dataset';
import { bytes, count } from './lib/format';
import { followPatterns, insertReaders } from './lib/newsroom-dataset';
import { mean, sum } from './lib/stats';
import type { Scenario } from './scenario';

// Same as TRIM_SLACK_RECORDS in src/feed/feed-store.ts (not exported there).
const SLACK_RECORDS = 64;
const MEASURE_EVERY = 8;

interface FeedMemory {
  feeds: number;
  records: number;
  bytes: number;
  perEntry: number;
  perFeed: number;
}

/**
 * Redis bytes per feed entry and per active user: full feeds as a rebuild writes them, then through
 * fan-outs by the production Lua script (APPENDs, and a cut once per slack+1 of them).
 */
export const memoryScenario: Scenario = async (ctx) => {
  const { env } = ctx;
  const o = env.options.memory;
  const newsroom = await ctx.sharedNewsroom();
  const users = await insertReaders(env, newsroom, o.users, followPatterns(64, 5, newsroom.topicIds.length), 'mem');
  const ids = idsOf(users);
  const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / o.sample)) === 0).slice(0, o.sample);
  const asBuilt = await feedMemory(
    env.singleRedis,
    sample.map((id) => env.feedKeys.feed(id)),
  );

  // Feeds cycle between max and max+slack records: first one full cycle (every feed is cut once),
  // then a second one measured at evenly spaced points, so the average is the steady state's.
  const cycle = SLACK_RECORDS + 1;
  ctx.log(`memory: ${2 * cycle} fan-outs into ${count(o.users)} full feeds`);
  const store = env.app.get(FeedStore);
  const batches = bucketBatches(
    ids,
    (id) => env.feedKeys.bucketOf(id),
    (id) => id,
    env.config.FANOUT_CHUNK_SIZE,
  );
  const now = Math.floor(Date.now() / 1000);
  const fanOut = async (a: number) => {
    const articleId = 3_000_000_000 + a;
    const seqs = new Map<number, number>();
    await Promise.all(
      batches.map((userIds) => {
        const bucket = env.feedKeys.bucketOf(userIds[0]);
        const seq = seqs.get(bucket) ?? 0;
        seqs.set(bucket, seq + 1);
        const record = { articleId, publishedAtSec: now + a, lnWeight: 0 };
        return store.appendToBucket(bucket, userIds, record, { articleId: String(articleId), version: 1, seq });
      }),
    );
  };
  for (let a = 0; a < cycle; a++) await fanOut(a);
  const points: FeedMemory[] = [];
  for (let a = cycle; a < 2 * cycle; a++) {
    await fanOut(a);
    if ((a - cycle) % MEASURE_EVERY === MEASURE_EVERY - 1)
      points.push(
        await feedMemory(
          env.singleRedis,
          sample.map((id) => env.feedKeys.feed(id)),
        ),
      );
  }
  const afterAppends = averageOf(points);

  const keys = env.app.get(RedisKeys);
  const cardKeys = newsroom.stories.map((s) => keys.key('card', s.id));
  const cardBytes = await usages(env.singleRedis, cardKeys);
  const cardsTotal = sum(cardBytes);
  const markerKeys = await scanKeys(env.singleRedis, keys.key('fanout-done', '*'), 200);
  const markerBytes = mean(await usages(env.singleRedis, markerKeys));
  const markerPerDelivery = markerBytes / env.config.FANOUT_CHUNK_SIZE;
  const perUser = afterAppends.perFeed + cardsTotal / o.users;

  ctx.log(
    `memory: ${bytes(afterAppends.perEntry)}/entry after appends (${bytes(asBuilt.perEntry)} as built), ${bytes(perUser)}/active user`,
  );
  const section = 'memory';
  return {
    rows: [
      {
        section,
        measure: `bytes per feed entry, full feeds through a trim cycle of fan-outs (${o.sample} sampled, ${points.length} points)`,
        measured: bytes(afterAppends.perEntry),
        baseline: `${bytes(asBuilt.perEntry)} as rebuilt; max ${bytes(Math.max(...points.map((p) => p.perEntry)))}`,
        ratio: afterAppends.perEntry / 40,
        target: '≤ 40 B',
        met: afterAppends.perEntry <= 40,
      },
      {
        section,
        measure: `bytes per active user: full feed + card cache share (${cardKeys.length} cards / ${count(o.users)} users)`,
        measured: bytes(perUser),
        baseline: `feed ${bytes(afterAppends.perFeed)} + cards ${bytes(cardsTotal / o.users)}`,
        ratio: null,
        target: '',
        met: null,
      },
      {
        section,
        measure: `fan-out done-markers (7-day TTL): bytes per marker / per delivery`,
        measured: `${bytes(markerBytes)} / ${bytes(markerPerDelivery)}`,
        baseline: '—',
        ratio: null,
        target: '',
        met: null,
      },
      {
        section,
        measure: 'bytes per cached card',
        measured: bytes(mean(cardBytes)),
        baseline: '—',
        ratio: null,
        target: '',
        met: null,
      },
    ],
    cpu: [],
    data: {
      users: o.users,
      asBuilt,
      afterAppends,
      cyclePoints: points,
      cards: { count: cardKeys.length, bytes: cardsTotal, mean: mean(cardBytes) },
      markerBytes,
      markerPerDelivery,
      perUser,
    },
  };
};

async function usages(redis: Redis, keys: string[]): Promise<number[]> {
  const out: number[] = [];
  for (let at = 0; at < keys.length; at += 1000) {
    const pipeline = redis.pipeline();
    for (const key of keys.slice(at, at + 1000)) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    for (const [error, value] of (await pipeline.exec()) ?? []) if (!error && value !== null) out.push(Number(value));
  }
  return out;
}

async function feedMemory(redis: Redis, keys: string[]): Promise<FeedMemory> {
  const used = await usages(redis, keys);
  const pipeline = redis.pipeline();
  for (const key of keys) pipeline.strlen(key);
  const lengths = ((await pipeline.exec()) ?? []).map(([, n]) => Number(n));
  const records = sum(lengths) / RECORD_BYTES;
  const total = sum(used);
  return { feeds: keys.length, records, bytes: total, perEntry: total / records, perFeed: total / keys.length };
}

function averageOf(points: FeedMemory[]): FeedMemory {
  const records = sum(points.map((p) => p.records));
  const total = sum(points.map((p) => p.bytes));
  const feeds = sum(points.map((p) => p.feeds));
  return {
    feeds: feeds / points.length,
    records: records / points.length,
    bytes: total / points.length,
    perEntry: total / records,
    perFeed: total / feeds,
  };
}

async function scanKeys(redis: Redis, pattern: string, limit: number): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0' && found.length < limit);
  return found.slice(0, limit);
}

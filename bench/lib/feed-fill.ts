import type { Redis } from 'ioredis';
import { encodeRecords, FeedRecord } from '../../src/feed/feed-record';

const BATCH = 1000;

// Server-side copies: building 100k feeds of ~10 KB costs no client traffic. Bench setup only:
// the source keys are not declared in KEYS, which a standalone Redis tolerates.
const COPY_LUA = `for i = 1, #KEYS do redis.call('COPY', ARGV[i], KEYS[i], 'REPLACE') end return #KEYS`;

type WithCopy = Redis & { benchCopy(numKeys: number, ...args: string[]): Promise<number> };

function withCopy(redis: Redis): WithCopy {
  if (!('benchCopy' in redis)) redis.defineCommand('benchCopy', { lua: COPY_LUA });
  return redis as WithCopy;
}

/** Copies source key `sourceOf(i)` to `targets[i]` for every target. */
export async function copyInto(redis: Redis, targets: string[], sourceOf: (i: number) => string): Promise<void> {
  const r = withCopy(redis);
  const calls: Promise<number>[] = [];
  for (let at = 0; at < targets.length; at += BATCH) {
    const keys = targets.slice(at, at + BATCH);
    calls.push(r.benchCopy(keys.length, ...keys, ...keys.map((_, i) => sourceOf(at + i))));
    if (calls.length >= 8) await Promise.all(calls.splice(0));
  }
  await Promise.all(calls);
}

/** Built but empty feeds: fan-out writes only into feeds that exist. */
export async function setEmpty(redis: Redis, keys: string[]): Promise<void> {
  for (let at = 0; at < keys.length; at += 5 * BATCH) {
    const pipeline = redis.pipeline();
    for (const key of keys.slice(at, at + 5 * BATCH)) pipeline.set(key, '');
    await pipeline.exec();
  }
}

export async function unlinkAll(redis: Redis, keys: string[]): Promise<void> {
  for (let at = 0; at < keys.length; at += BATCH) await redis.unlink(...keys.slice(at, at + BATCH));
}

/**
 * Templates of full feeds in their steady state: FEED_MAX_ITEMS to max+slack records (a feed grows
 * to max+slack+1, then is cut back to max), so a fan-out into them trims 1 feed in (slack+1), as in production.
 */
export async function fullFeedTemplates(redis: Redis, keyOf: (i: number) => string, max: number, slack: number): Promise<string[]> {
  const now = Math.floor(Date.now() / 1000);
  const records: FeedRecord[] = Array.from({ length: max + slack }, (_, i) => ({
    articleId: 1_000_000 + i,
    publishedAtSec: now - (max + slack - i) * 60,
    lnWeight: i % 25 === 0 ? Math.log(3) : 0,
  }));
  const keys: string[] = [];
  const pipeline = redis.pipeline();
  for (let extra = 0; extra <= slack; extra++) {
    keys.push(keyOf(extra));
    pipeline.set(keyOf(extra), encodeRecords(records.slice(0, max + extra)));
  }
  await pipeline.exec();
  return keys;
}

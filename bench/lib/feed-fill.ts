import calculateSlot from 'cluster-key-slot';
import type { Redis } from 'ioredis';
import { encodeRecords, FeedRecord } from '../../src/feed/feed-record';
import { isCluster, type RedisClient } from '../../src/infra/redis/redis';

const BATCH = 1000;

// Server-side copies: building 100k feeds of ~10 KB costs no client traffic. Bench setup only:
// the source keys are not declared in KEYS, which a standalone Redis tolerates (a cluster does not: see copyInto).
const COPY_LUA = `for i = 1, #KEYS do redis.call('COPY', ARGV[i], KEYS[i], 'REPLACE') end return #KEYS`;

type WithCopy = Redis & { benchCopy(numKeys: number, ...args: string[]): Promise<number> };

function withCopy(redis: Redis): WithCopy {
  if (!('benchCopy' in redis)) redis.defineCommand('benchCopy', { lua: COPY_LUA });
  return redis as WithCopy;
}

/** Keys grouped by hash slot: a cluster refuses a multi-key command or script across slots. */
export function bySlot(keys: string[]): string[][] {
  const groups = new Map<number, string[]>();
  for (const key of keys) {
    const slot = calculateSlot(key);
    const group = groups.get(slot);
    if (group) group.push(key);
    else groups.set(slot, [key]);
  }
  return [...groups.values()];
}

/** Runs `send` over `items`, at most `inFlight` at a time. */
async function inWaves<T>(items: T[], inFlight: number, send: (item: T) => Promise<unknown>): Promise<void> {
  for (let at = 0; at < items.length; at += inFlight) await Promise.all(items.slice(at, at + inFlight).map(send));
}

/** Copies source key `sourceOf(i)` to `targets[i]` for every target. */
export async function copyInto(redis: RedisClient, targets: string[], sourceOf: (i: number) => string): Promise<void> {
  if (isCluster(redis)) {
    // Sources and targets lie in different slots: copy through the bench (DUMP once, RESTORE per target).
    const dumps = new Map<string, Buffer>();
    for (let i = 0; i < targets.length; i++) {
      const source = sourceOf(i);
      if (!dumps.has(source)) dumps.set(source, await redis.dumpBuffer(source));
    }
    const indexes = targets.map((_, i) => i);
    await inWaves(indexes, BATCH, (i) => redis.restore(targets[i], 0, dumps.get(sourceOf(i))!, 'REPLACE'));
    return;
  }
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
export async function setEmpty(redis: RedisClient, keys: string[]): Promise<void> {
  if (isCluster(redis)) return inWaves(keys, 5 * BATCH, (key) => redis.set(key, ''));
  for (let at = 0; at < keys.length; at += 5 * BATCH) {
    const pipeline = redis.pipeline();
    for (const key of keys.slice(at, at + 5 * BATCH)) pipeline.set(key, '');
    await pipeline.exec();
  }
}

export async function unlinkAll(redis: RedisClient, keys: string[]): Promise<void> {
  if (isCluster(redis)) return inWaves(bySlot(keys), BATCH, (group) => redis.unlink(...group));
  for (let at = 0; at < keys.length; at += BATCH) await redis.unlink(...keys.slice(at, at + BATCH));
}

/**
 * Templates of full feeds in their steady state: FEED_MAX_ITEMS to max+slack records (a feed grows
 * to max+slack+1, then is cut back to max), so a fan-out into them trims 1 feed in (slack+1), as in production.
 */
export async function fullFeedTemplates(redis: RedisClient, keyOf: (i: number) => string, max: number, slack: number): Promise<string[]> {
  const now = Math.floor(Date.now() / 1000);
  const records: FeedRecord[] = Array.from({ length: max + slack }, (_, i) => ({
    articleId: 1_000_000 + i,
    publishedAtSec: now - (max + slack - i) * 60,
    lnWeight: i % 25 === 0 ? Math.log(3) : 0,
  }));
  const keys: string[] = [];
  for (let extra = 0; extra <= slack; extra++) keys.push(keyOf(extra));
  await Promise.all(keys.map((key, extra) => redis.set(key, encodeRecords(records.slice(0, max + extra)))));
  return keys;
}

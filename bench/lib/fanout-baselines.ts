import { isCluster, type RedisClient } from '../../src/infra/redis/redis';

/**
 * The least a server-side batch write can do: the production record appended to each feed and
 * the same cut at max+slack, with none of the production script's EXISTS check or done-marker.
 */
const BARE_APPEND_LUA = `
local rec = ARGV[1]
local maxBytes = tonumber(ARGV[2])
local slack = tonumber(ARGV[3])
for i = 1, #KEYS do
  local len = redis.call('APPEND', KEYS[i], rec)
  if len > maxBytes + slack then
    redis.call('SET', KEYS[i], redis.call('GETRANGE', KEYS[i], len - maxBytes, -1))
  end
end
return #KEYS
`;

type WithBare = RedisClient & { benchBareAppend(numKeys: number, ...args: (string | Buffer | number)[]): Promise<number> };

/** Feed keys cut like the real path cuts them: per bucket, at most `size` per call. */
export function bucketBatches(
  userIds: string[],
  bucketOf: (id: string) => number,
  keyOf: (id: string) => string,
  size: number,
): string[][] {
  const byBucket = new Map<number, string[]>();
  for (const id of userIds) {
    const bucket = bucketOf(id);
    const list = byBucket.get(bucket) ?? [];
    list.push(keyOf(id));
    byBucket.set(bucket, list);
  }
  const batches: string[][] = [];
  for (const keys of byBucket.values()) for (let at = 0; at < keys.length; at += size) batches.push(keys.slice(at, at + size));
  return batches;
}

/**
 * Baseline 1: one Lua call per batch of ~1,000 feeds, all sent at once from this process. Returns ms. Each batch holds
 * the feeds of one bucket (one hash slot), so on a cluster every call goes whole to the master of its bucket.
 */
export async function bareLuaWrite(
  redis: RedisClient,
  batches: string[][],
  record: Buffer,
  maxBytes: number,
  slackBytes: number,
): Promise<number> {
  const r = redis as WithBare;
  if (!('benchBareAppend' in redis)) redis.defineCommand('benchBareAppend', { lua: BARE_APPEND_LUA });
  // On a cluster the warm-up run loads it on every master (EVALSHA falls back to EVAL once per node).
  if (!isCluster(redis)) await r.script('LOAD', BARE_APPEND_LUA);
  const start = process.hrtime.bigint();
  const written = await Promise.all(batches.map((keys) => r.benchBareAppend(keys.length, ...keys, record, maxBytes, slackBytes)));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const expected = batches.reduce((n, b) => n + b.length, 0);
  if (written.reduce((a, b) => a + b, 0) !== expected) throw new Error('bare Lua baseline wrote fewer feeds than asked');
  return ms;
}

const PIPELINE_USERS = 1000;
const PIPELINES_IN_FLIGHT = 4;

/**
 * Baseline 2, the naive design: a sorted set per user, ZADD + ZREMRANGEBYRANK per delivery, sent
 * in ioredis pipelines of 1,000 users, 4 in flight. `deliveries` writes go round-robin over `zkeys`
 * (a member per round, so every write adds an entry). Returns ms. On a cluster (where a pipeline must stay on one
 * node) the same commands go unpipelined but all at once per 1,000 users: ioredis writes them to each node's socket
 * without waiting.
 */
export async function zaddPipelineWrite(
  redis: RedisClient,
  zkeys: string[],
  deliveries: number,
  articleId: number,
  score: number,
  max: number,
): Promise<number> {
  const start = process.hrtime.bigint();
  const inFlight = new Set<Promise<unknown>>();
  for (let at = 0; at < deliveries; at += PIPELINE_USERS) {
    const cluster = isCluster(redis);
    const pipeline = redis.pipeline();
    const direct: Promise<unknown>[] = [];
    for (let i = at; i < Math.min(deliveries, at + PIPELINE_USERS); i++) {
      const key = zkeys[i % zkeys.length];
      const round = Math.floor(i / zkeys.length);
      const member = round ? `${articleId}.${round}` : String(articleId);
      if (cluster) direct.push(redis.zadd(key, score, member), redis.zremrangebyrank(key, 0, -(max + 1)));
      else pipeline.zadd(key, score, member).zremrangebyrank(key, 0, -(max + 1));
    }
    const batch = cluster
      ? Promise.all(direct)
      : pipeline.exec().then((results) => {
          const failed = results?.find(([e]) => e)?.[0];
          if (failed) throw failed;
        });
    const sent: Promise<unknown> = batch.then(() => inFlight.delete(sent));
    inFlight.add(sent);
    if (inFlight.size >= PIPELINES_IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Full sorted sets for the pipeline baseline: one built with ZADD, copied server-side. */
export async function fullZsetTemplate(redis: RedisClient, key: string, max: number): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const args: (string | number)[] = [];
  for (let i = 0; i < max; i++) args.push((now - (max - i) * 60) / 14_400, String(1_000_000 + i));
  await redis.del(key);
  await redis.zadd(key, ...args);
}

import { randomUUID } from 'node:crypto';
import { RECORD_BYTES } from '../src/feed/feed-record';
import { analyze, followByResidue, idsOf, insertUsers } from './lib/dataset';
import { ms } from './lib/format';
import { median } from './lib/stats';
import type { Scenario } from './scenario';

/**
 * Cold rebuild: the first GET /v1/feed of a reader following 20 topics whose feed is missing
 * (lost, or never built), which rebuilds the window from Postgres before answering. Card cache warm.
 */
export const rebuildScenario: Scenario = async (ctx) => {
  const { env } = ctx;
  const o = env.options.rebuild;
  const newsroom = await ctx.sharedNewsroom();
  const topics = newsroom.topicIds.slice(0, o.topics);
  const users = await insertUsers(env.db, o.readers + 1, 'rb');
  await followByResidue(env.db, topics, users, 1, 0);
  await analyze(env.db);
  const [warmUp, ...readers] = idsOf(users);

  const cold: number[] = [];
  const warm: number[] = [];
  const windows: number[] = [];
  await timedRead(env.baseUrl, await env.tokens.sign(warmUp, randomUUID()));
  for (const id of readers) {
    await env.redis.unlink(env.feedKeys.feed(id));
    const token = await env.tokens.sign(id, randomUUID());
    cold.push(await timedRead(env.baseUrl, token));
    warm.push(await timedRead(env.baseUrl, token));
    windows.push((await env.redis.strlen(env.feedKeys.feed(id))) / RECORD_BYTES);
  }
  ctx.log(`rebuild: ${o.topics} topics: cold ${ms(median(cold))}, warm ${ms(median(warm))}`);
  const label = `reader following ${o.topics} topics, window of ${median(windows)} entries rebuilt (${readers.length} readers)`;
  return {
    rows: [
      {
        section: 'cold rebuild',
        measure: `${label}: first GET /v1/feed, median / max`,
        measured: `${ms(median(cold))} / ${ms(Math.max(...cold))}`,
        baseline: `${ms(median(warm))} warm`,
        ratio: median(cold) / median(warm),
        target: '',
        met: null,
      },
    ],
    cpu: [],
    data: { topics: o.topics, coldMs: cold, warmMs: warm, windowEntries: windows },
  };
};

async function timedRead(baseUrl: string, token: string): Promise<number> {
  const start = process.hrtime.bigint();
  const res = await fetch(`${baseUrl}/v1/feed`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { items?: unknown[]; state?: string };
  const took = Number(process.hrtime.bigint() - start) / 1e6;
  if (res.status !== 200 || body.state !== 'ready' || body.items?.length !== 20) {
    throw new Error(`rebuild read answered ${res.status}, state ${body.state}, ${body.items?.length ?? 0} items`);
  }
  return took;
}

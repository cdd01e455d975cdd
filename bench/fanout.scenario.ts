import { encodeRecords } from '../src/feed/feed-record';
import { bareLuaWrite, bucketBatches, fullZsetTemplate, zaddPipelineWrite } from './lib/fanout-baselines';
import { awaitFanout, clearCompleted, FanoutTiming, publishArticle } from './lib/fanout-tracker';
import { analyze, followAll, idsOf, insertTopic, insertUsers } from './lib/dataset';
import { copyInto, fullFeedTemplates, setEmpty, unlinkAll } from './lib/feed-fill';
import type { CpuUse } from './lib/cpu-probe';
import { count, ms, perSecond } from './lib/format';
import { medianRun } from './lib/stats';
import type { CpuRow, Row, Scenario, ScenarioContext } from './scenario';

// Same as TRIM_SLACK_RECORDS in src/feed/feed-store.ts (not exported there).
export const SLACK_RECORDS = 64;
export const RECORD_BYTES = 12;

export type FeedState = 'fresh' | 'full';

interface Measured {
  ms: number;
  rate: number;
  cpu: CpuUse;
}

export interface FanoutPoint {
  followers: number;
  state: FeedState;
  real: Measured & { timing: FanoutTiming };
  bareLua: Measured;
  pipeline: Measured;
  runs: { real: number; bareLua: number; pipeline: number }[];
}

/** Fan-out of one article to N followers: the real path against two baselines, on fresh and on full feeds. */
export const fanoutScenario: Scenario = async (ctx) => {
  const { env } = ctx;
  const points: FanoutPoint[] = [];
  const max = env.config.FEED_MAX_ITEMS;
  const templates = await fullFeedTemplates(env.redis, (i) => env.key('tpl', 'full', i), max, SLACK_RECORDS);
  const zTemplate = env.key('tpl', 'zfull');
  await fullZsetTemplate(env.redis, zTemplate, max);

  for (const followers of env.options.fanout.followers) {
    ctx.log(`fan-out: ${count(followers)} followers: inserting users and follows`);
    const topic = await insertTopic(env.db, `fan-${followers}`);
    const users = await insertUsers(env.db, followers, `fan${followers}`);
    await followAll(env.db, topic.id, users);
    await analyze(env.db);
    const ids = idsOf(users);
    const feedKeys = ids.map((id) => env.feedKeys.feed(id));
    const batches = bucketBatches(
      ids,
      (id) => env.feedKeys.bucketOf(id),
      (id) => env.feedKeys.feed(id),
      env.config.FANOUT_CHUNK_SIZE,
    );
    const freshZkeys = ids.map((id) => env.key('zfeed', id));
    const poolZkeys = freshZkeys.slice(0, Math.min(followers, env.options.fanout.zsetPool));
    const states: FeedState[] = env.options.fanout.freshOnly.includes(followers) ? ['fresh'] : ['fresh', 'full'];

    for (const state of states) {
      if (state === 'fresh') {
        await setEmpty(env.redis, feedKeys);
        await unlinkAll(env.redis, freshZkeys);
      } else {
        await copyInto(env.redis, feedKeys, (i) => templates[Number(ids[i]) % templates.length]);
        await unlinkAll(env.redis, freshZkeys);
        await copyInto(env.redis, poolZkeys, () => zTemplate);
      }
      const zkeys = state === 'fresh' ? freshZkeys : poolZkeys;
      let fakeArticle = 4_000_000_000 - points.length * 100;
      const once = async () => {
        const real = await realRun(ctx, topic.slug);
        const record = encodeRecords([{ articleId: fakeArticle--, publishedAtSec: Math.floor(Date.now() / 1000), lnWeight: 0 }]);
        const lua = await measured(ctx, () => bareLuaWrite(env.redis, batches, record, max * RECORD_BYTES, SLACK_RECORDS * RECORD_BYTES));
        const pipe = await measured(ctx, () =>
          zaddPipelineWrite(env.redis, zkeys, followers, fakeArticle--, Date.now() / 1000 / env.config.RANK_TAU_SECONDS, max),
        );
        return { real, lua, pipe };
      };
      // Warm-up, once per follower count: JIT, connections, Postgres pages of the new follows, new ZSET keys.
      if (state === states[0]) await once();
      const runs = [];
      for (let r = 0; r < env.options.repeats; r++) runs.push(await once());
      const rate = (m: { ms: number }) => followers / (m.ms / 1000);
      const real = medianRun(
        runs.map((r) => r.real),
        (m) => m.ms,
      );
      const lua = medianRun(
        runs.map((r) => r.lua),
        (m) => m.ms,
      );
      const pipe = medianRun(
        runs.map((r) => r.pipe),
        (m) => m.ms,
      );
      const point: FanoutPoint = {
        followers,
        state,
        real: { ...real, rate: rate(real) },
        bareLua: { ...lua, rate: rate(lua) },
        pipeline: { ...pipe, rate: rate(pipe) },
        runs: runs.map((r) => ({ real: r.real.ms, bareLua: r.lua.ms, pipeline: r.pipe.ms })),
      };
      points.push(point);
      ctx.log(
        `fan-out: ${count(followers)} ${state} (${env.redisLabel}): real ${perSecond(point.real.rate)} (${ms(real.ms)}), ` +
          `bare Lua ${perSecond(point.bareLua.rate)}, ZADD pipeline ${perSecond(point.pipeline.rate)}`,
      );
    }
    await unlinkAll(env.redis, feedKeys);
    await unlinkAll(env.redis, freshZkeys);
  }
  await unlinkAll(env.redis, [zTemplate, ...templates]);
  return { rows: rowsOf(points, env.redisLabel), cpu: cpuOf(points, env.redisLabel), data: points };
};

export async function measured(ctx: ScenarioContext, run: () => Promise<number>): Promise<{ ms: number; cpu: CpuUse }> {
  const stop = await ctx.env.cpu.start();
  const took = await run();
  return { ms: took, cpu: await stop() };
}

export async function realRun(ctx: ScenarioContext, slug: string): Promise<{ ms: number; cpu: CpuUse; timing: FanoutTiming }> {
  const { env } = ctx;
  await clearCompleted(env);
  const stop = await env.cpu.start();
  const published = await publishArticle(env, slug);
  const timing = await awaitFanout(env, published);
  const cpu = await stop();
  if (timing.deliveries !== timing.followers || timing.failedJobs) {
    throw new Error(
      `fan-out of ${timing.articleId} delivered ${timing.deliveries} of ${timing.followers} (${timing.failedJobs} failed jobs)`,
    );
  }
  return { ms: timing.lastChunkDoneMs, cpu, timing };
}

function rowsOf(points: FanoutPoint[], redisLabel: string): Row[] {
  const rows: Row[] = [];
  for (const p of points) {
    const label = `${count(p.followers)} followers, ${p.state} feeds, ${redisLabel}`;
    const vsLua = p.real.rate / p.bareLua.rate;
    const vsPipe = p.real.rate / p.pipeline.rate;
    rows.push({
      section: 'fan-out',
      measure: `${label}: real path vs bare Lua batch write`,
      measured: perSecond(p.real.rate),
      baseline: perSecond(p.bareLua.rate),
      ratio: vsLua,
      target: '≥ 0.8×',
      met: vsLua >= 0.8,
    });
    rows.push({
      section: 'fan-out',
      measure: `${label}: real path vs naive ZADD pipeline`,
      measured: perSecond(p.real.rate),
      baseline: perSecond(p.pipeline.rate),
      ratio: vsPipe,
      target: '≥ 2×',
      met: vsPipe >= 2,
    });
    const t = p.real.timing;
    rows.push({
      section: 'fan-out',
      measure: `${label}: real path phases (POST answered / plan done / first chunk started / last chunk done)`,
      measured: `${ms(t.postMs)} / ${ms(t.planDoneMs)} / ${ms(t.firstChunkStartMs)} / ${ms(t.lastChunkDoneMs)}`,
      baseline: `${t.chunks} chunks`,
      ratio: null,
      target: '',
      met: null,
    });
    if (p.state === 'full') {
      rows.push({
        section: 'fan-out',
        measure: `${label}: real path deliveries/s`,
        measured: perSecond(p.real.rate),
        baseline: '—',
        ratio: p.real.rate / 150_000,
        target: '≥ 150k/s',
        met: p.real.rate >= 150_000,
      });
    }
  }
  return rows;
}

function cpuOf(points: FanoutPoint[], redisLabel: string): CpuRow[] {
  return points.flatMap((p) => {
    const label = `fan-out ${count(p.followers)} ${p.state}, ${redisLabel}`;
    return [
      { run: `${label}: real path`, cpu: p.real.cpu },
      { run: `${label}: bare Lua`, cpu: p.bareLua.cpu },
      { run: `${label}: ZADD pipeline`, cpu: p.pipeline.cpu },
    ];
  });
}

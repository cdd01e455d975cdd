import { encodeRecords } from '../src/feed/feed-record';
import { bareLuaWrite, bucketBatches } from './lib/fanout-baselines';
import { analyze, followAll, idsOf, insertTopic, insertUsers } from './lib/dataset';
import { copyInto, fullFeedTemplates, unlinkAll } from './lib/feed-fill';
import { count, ms, perSecond } from './lib/format';
import { medianRun } from './lib/stats';
import { measured, realRun, RECORD_BYTES, SLACK_RECORDS } from './fanout.scenario';
import type { CpuRow, Row, Scenario } from './scenario';

export interface WorkerSetting {
  workers: number;
  concurrency: number;
  chunkSize: number;
}

export interface WorkerPoint extends WorkerSetting {
  followers: number;
  realMs: number;
  bareMs: number;
  realRate: number;
  bareRate: number;
  phases: { postMs: number; planDoneMs: number; firstChunkStartMs: number; lastChunkDoneMs: number; chunks: number };
  runs: { real: number; bareLua: number }[];
}

/**
 * Fan-out into full feeds against the worker processes and their settings: each setting restarts the pool, then
 * runs the real path and, right after it, the bare Lua write cut into the same chunks (the same run's baseline).
 */
export const fanoutWorkersScenario: Scenario = async (ctx) => {
  const { env } = ctx;
  const { followers, settings } = env.options.workerSweep;
  const max = env.config.FEED_MAX_ITEMS;
  const before = env.workers.current;
  const templates = await fullFeedTemplates(env.redis, (i) => env.key('tpl', 'wfull', i), max, SLACK_RECORDS);
  ctx.log(`fan-out workers: ${count(followers)} followers: inserting users and follows`);
  const topic = await insertTopic(env.db, `fan-workers-${followers}`);
  const users = await insertUsers(env.db, followers, `fw${followers}`);
  await followAll(env.db, topic.id, users);
  await analyze(env.db);
  const ids = idsOf(users);
  const feedKeys = ids.map((id) => env.feedKeys.feed(id));
  await copyInto(env.redis, feedKeys, (i) => templates[Number(ids[i]) % templates.length]);

  const points: WorkerPoint[] = [];
  let fakeArticle = 3_900_000_000;
  try {
    for (const setting of settings) {
      await env.workers.restart(setting.workers, {
        WORKER_CONCURRENCY: String(setting.concurrency),
        FANOUT_CHUNK_SIZE: String(setting.chunkSize),
      });
      const batches = bucketBatches(
        ids,
        (id) => env.feedKeys.bucketOf(id),
        (id) => env.feedKeys.feed(id),
        setting.chunkSize,
      );
      const once = async () => {
        const real = await realRun(ctx, topic.slug);
        const record = encodeRecords([{ articleId: fakeArticle--, publishedAtSec: Math.floor(Date.now() / 1000), lnWeight: 0 }]);
        const lua = await measured(ctx, () => bareLuaWrite(env.redis, batches, record, max * RECORD_BYTES, SLACK_RECORDS * RECORD_BYTES));
        return { real, lua };
      };
      await once(); // warm-up: the new processes' JIT and connections
      const runs = [];
      for (let r = 0; r < env.options.repeats; r++) runs.push(await once());
      const real = medianRun(
        runs.map((r) => r.real),
        (m) => m.ms,
      );
      const lua = medianRun(
        runs.map((r) => r.lua),
        (m) => m.ms,
      );
      const t = real.timing;
      const point: WorkerPoint = {
        ...setting,
        followers,
        realMs: real.ms,
        bareMs: lua.ms,
        realRate: followers / (real.ms / 1000),
        bareRate: followers / (lua.ms / 1000),
        phases: {
          postMs: t.postMs,
          planDoneMs: t.planDoneMs,
          firstChunkStartMs: t.firstChunkStartMs,
          lastChunkDoneMs: t.lastChunkDoneMs,
          chunks: t.chunks,
        },
        runs: runs.map((r) => ({ real: r.real.ms, bareLua: r.lua.ms })),
      };
      points.push(point);
      ctx.log(
        `fan-out workers: ${label(setting)}: real ${perSecond(point.realRate)} (${ms(point.realMs)}), bare Lua ${perSecond(point.bareRate)}, ` +
          `${(point.realRate / point.bareRate).toFixed(2)}×`,
      );
    }
  } finally {
    await env.workers.restart(before.count, before.env);
    await unlinkAll(env.redis, feedKeys);
    await unlinkAll(env.redis, templates);
  }
  return { rows: rowsOf(points), cpu: [] as CpuRow[], data: points };
};

const label = (s: WorkerSetting) =>
  `${s.workers} worker process${s.workers > 1 ? 'es' : ''} × concurrency ${s.concurrency}, chunks of ${count(s.chunkSize)}`;

function rowsOf(points: WorkerPoint[]): Row[] {
  return points.flatMap((p) => {
    const vsLua = p.realRate / p.bareRate;
    const f = p.phases;
    return [
      {
        section: 'fan-out workers',
        measure: `${count(p.followers)} followers, full feeds, ${label(p)}: deliveries/s vs bare Lua (same chunks)`,
        measured: perSecond(p.realRate),
        baseline: perSecond(p.bareRate),
        ratio: vsLua,
        target: p.followers >= 100_000 ? '≥ 0.6×' : '≥ 0.5×',
        met: vsLua >= (p.followers >= 100_000 ? 0.6 : 0.5),
      },
      {
        section: 'fan-out workers',
        measure: `${count(p.followers)} followers, ${label(p)}: phases (POST / plan done / first chunk / last chunk)`,
        measured: `${ms(f.postMs)} / ${ms(f.planDoneMs)} / ${ms(f.firstChunkStartMs)} / ${ms(f.lastChunkDoneMs)}`,
        baseline: `${f.chunks} chunks`,
        ratio: null,
        target: '',
        met: null,
      },
    ];
  });
}

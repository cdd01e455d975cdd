import { randomUUID } from 'node:crypto';
import { RedisKeys } from '../src/infra/redis/redis.module';
import { startBareFeedServer } from './lib/bare-feed-server';
import type { CpuUse } from './lib/cpu-probe';
import { analyze, idsOf } from './lib/dataset';
import { count, ms, perSecond } from './lib/format';
import { LoadGenerator } from './lib/load-generator';
import type { LoadResult } from './lib/load-child';
import { followPatterns, insertReaders } from './lib/newsroom-dataset';
import { HotFunction, profiled } from './lib/cpu-profiler';
import { settle } from './lib/settle';
import { medianRun } from './lib/stats';
import type { Scenario } from './scenario';

const PAGE = 20;
const PATTERNS = 64;
const TOPICS_PER_READER = 5;

export interface ReadRun extends LoadResult {
  cpu: CpuUse;
}

/** GET /v1/feed under 64 connections of random readers with full feeds, beside a bare Fastify doing the same Redis reads. */
export const feedReadScenario: Scenario = async (ctx) => {
  const { env } = ctx;
  const o = env.options.reads;
  const newsroom = await ctx.sharedNewsroom();
  ctx.log(`reads: ${count(o.readers)} readers with full feeds`);
  const users = await insertReaders(env, newsroom, o.readers, followPatterns(PATTERNS, TOPICS_PER_READER, newsroom.topicIds.length), 'rd');
  await analyze(env.db);
  const ids = idsOf(users);
  const tokens = await Promise.all(ids.map((id) => env.tokens.sign(id, randomUUID())));

  const keys = env.app.get(RedisKeys);
  const bare = await startBareFeedServer({
    redisUrl: env.config.REDIS_URL,
    feedKey: (id) => env.feedKeys.feed(id),
    cardKey: (id) => keys.key('card', id),
    limit: PAGE,
  });
  const load = await LoadGenerator.start(ids, tokens);
  env.loadgenPids.push(load.pid);
  try {
    await expectFullPage(`${env.baseUrl}/v1/feed`, { authorization: `Bearer ${tokens[0]}` });
    await expectFullPage(`${bare.url}/bare/feed`, { 'x-reader': ids[0] });
    const targets = { app: { url: env.baseUrl, path: '/v1/feed' }, bare: { url: bare.url, path: '/bare/feed' } };
    const run = async (target: keyof typeof targets, seconds: number): Promise<ReadRun> => {
      await settle();
      const stop = await env.cpu.start();
      const result = await load.run(targets[target].url, targets[target].path, o.connections, seconds);
      const cpu = await stop();
      if (result.non2xx || result.errors) throw new Error(`${target} reads: ${result.non2xx} non-2xx, ${result.errors} errors`);
      return { ...result, cpu };
    };
    await run('app', o.warmupSeconds);
    await run('bare', o.warmupSeconds);
    const appRuns: ReadRun[] = [];
    const bareRuns: ReadRun[] = [];
    for (let r = 0; r < env.options.repeats; r++) {
      appRuns.push(await run('app', o.seconds));
      bareRuns.push(await run('bare', o.seconds));
    }
    // Not measured: a profiled run shows where this process spends its CPU per read.
    await settle();
    const profile = await profiled(() => load.run(env.baseUrl, '/v1/feed', o.connections, o.warmupSeconds));
    await settle();
    ctx.artifact('reads-app.cpuprofile', JSON.stringify(profile.profile));
    const list = (hot: HotFunction[]) =>
      hot
        .slice(0, 10)
        .map((h) => `    ${h.selfPct}% ${h.fn} ${h.where}`)
        .join('\n');
    ctx.log(`reads: API process CPU by own time:\n${list(profile.summary.self)}`);
    ctx.log(`reads: API process CPU by project function (with the library code it calls):\n${list(profile.summary.byProjectFunction)}`);
    const app = medianRun(appRuns, (x) => x.rps);
    const base = medianRun(bareRuns, (x) => x.rps);
    ctx.log(`reads: app ${perSecond(app.rps)} p99 ${ms(app.p99)}; bare ${perSecond(base.rps)} p99 ${ms(base.p99)}`);
    const label = `GET /v1/feed, ${count(o.readers)} readers, ${o.connections} connections`;
    const throughput = app.rps / base.rps;
    return {
      rows: [
        {
          section: 'feed reads',
          measure: `${label}: req/s vs bare Fastify`,
          measured: perSecond(app.rps),
          baseline: perSecond(base.rps),
          ratio: throughput,
          target: '≥ 0.6×',
          met: throughput >= 0.6,
        },
        {
          section: 'feed reads',
          measure: `${label}: CPU of the serving process per request`,
          measured: ms(cpuPerRequest(app)),
          baseline: ms(cpuPerRequest(base)),
          ratio: cpuPerRequest(app) / cpuPerRequest(base),
          target: '',
          met: null,
        },
        {
          section: 'feed reads',
          measure: `${label}: p50`,
          measured: ms(app.p50),
          baseline: ms(base.p50),
          ratio: app.p50 / base.p50,
          target: '',
          met: null,
        },
        {
          section: 'feed reads',
          measure: `${label}: p99`,
          measured: ms(app.p99),
          baseline: ms(base.p99),
          ratio: app.p99 / base.p99,
          target: '≤ 25 ms',
          met: app.p99 <= 25,
        },
      ],
      cpu: [
        { run: 'feed reads: app', cpu: app.cpu },
        { run: 'feed reads: bare Fastify', cpu: base.cpu },
      ],
      notes: [
        'API process CPU during GET /v1/feed (one profiled run, not measured), charged to the nearest project function:',
        '',
        ...profile.summary.byProjectFunction.slice(0, 8).map((h) => `- ${h.selfPct}% \`${h.fn}\` ${h.where}`),
        '',
        'and by own time (native and library code included):',
        '',
        ...profile.summary.self.slice(0, 8).map((h) => `- ${h.selfPct}% \`${h.fn}\` ${h.where}`),
      ],
      data: {
        readers: o.readers,
        connections: o.connections,
        seconds: o.seconds,
        app,
        bare: base,
        appRuns,
        bareRuns,
        appProfile: profile.summary,
      },
    };
  } finally {
    load.stop();
    env.loadgenPids.splice(env.loadgenPids.indexOf(load.pid), 1);
    await bare.close();
  }
};

/** Milliseconds of this process's CPU per answered request. */
const cpuPerRequest = (run: ReadRun) => ((run.cpu.bench / 100) * run.cpu.wallMs) / Math.max(1, run.ok);

async function expectFullPage(url: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(url, { headers });
  const body = (await res.json()) as { items?: unknown[] };
  if (res.status !== 200 || body.items?.length !== PAGE) {
    throw new Error(`${url} answered ${res.status} with ${body.items?.length ?? 0} items, not a full page of ${PAGE}`);
  }
}

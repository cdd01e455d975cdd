import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { inspect } from 'node:util';
import { BenchEnv } from './lib/bench-env';
import { parseOptions, ScenarioName } from './lib/options';
import { countLabel, logLogSvg, secondsLabel, Series } from './lib/plot';
import { markdownReport, RunInfo } from './lib/report';
import { alertsScenario } from './alerts.scenario';
import { feedReadScenario } from './feed-read.scenario';
import { fanoutScenario, FanoutPoint } from './fanout.scenario';
import { fanoutWorkersScenario } from './fanout-workers.scenario';
import { latencyScenario } from './latency.scenario';
import { memoryScenario } from './memory.scenario';
import { rebuildScenario } from './rebuild.scenario';
import { CpuRow, Row, Scenario, ScenarioContext } from './scenario';

const SCENARIO_RUNNERS: Record<ScenarioName, Scenario> = {
  fanout: fanoutScenario,
  workers: fanoutWorkersScenario,
  latency: latencyScenario,
  reads: feedReadScenario,
  memory: memoryScenario,
  rebuild: rebuildScenario,
  alerts: alertsScenario,
};

// Compiled to dist/bench/run.js; results go to the source tree's bench/results.
const RESULTS_DIR = resolve(__dirname, '../../bench/results');

async function main(): Promise<number> {
  const options = parseOptions(process.argv);
  const started = new Date();
  const stamp = started.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const env = await BenchEnv.open(options, stamp);
  const stopOnSignal = () => {
    process.stderr.write('bench: interrupted, cleaning up\n');
    void env.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);

  const ctx = new ScenarioContext(env);
  const rows: Row[] = [];
  const cpu: CpuRow[] = [];
  const notes: string[] = [];
  const data: Record<string, unknown> = {};
  const errors: string[] = [];
  let info: RunInfo;
  try {
    info = {
      startedAt: started.toISOString(),
      mode: options.quick ? 'quick' : 'full',
      commit:
        git(['rev-parse', '--short', 'HEAD']) +
        (git(['status', '--porcelain', '--', 'src', 'migrations']) ? ' + uncommitted changes in src/' : ''),
      node: process.versions.node,
      redis: /redis_version:(\S+)/.exec(String(await env.redis.info('server')))?.[1] ?? '?',
      postgres: (await env.db.query<{ server_version: string }[]>('SHOW server_version'))[0].server_version,
      cores: cpus().length,
      workers: options.workers,
      durationSeconds: 0,
    };
    for (const name of options.scenarios) {
      const t = Date.now();
      ctx.log(`${name}: start`);
      try {
        const result = await SCENARIO_RUNNERS[name](ctx);
        rows.push(...result.rows);
        cpu.push(...result.cpu);
        if (result.notes) notes.push(...result.notes, '');
        data[name] = result.data;
      } catch (error) {
        const message = `${name}: ${error instanceof Error ? (error.stack ?? error.message) : inspect(error)}`;
        errors.push(message.split('\n')[0]);
        ctx.log(message);
      }
      ctx.log(`${name}: done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await env.close();
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  }
  info.durationSeconds = Math.round((Date.now() - started.getTime()) / 1000);

  const markdown = markdownReport(info, rows, cpu, notes, errors);
  const svg = fanoutPlot((data.fanout as FanoutPoint[] | undefined) ?? []);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = JSON.stringify({ info, options, rows, cpu, notes, data, errors }, null, 2);
  writeFileSync(join(RESULTS_DIR, `${stamp}.json`), json);
  writeFileSync(join(RESULTS_DIR, `${stamp}.md`), markdown);
  writeFileSync(join(RESULTS_DIR, `${stamp}.svg`), svg);
  for (const [name, content] of ctx.artifacts) writeFileSync(join(RESULTS_DIR, `${stamp}-${name}`), content);
  if (options.record) {
    writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown);
    writeFileSync(join(RESULTS_DIR, 'latest.svg'), svg);
  }
  const copies = options.record ? ' (and latest.md, latest.svg)' : '';
  process.stdout.write(`\n${markdown}\nwritten: bench/results/${stamp}.{json,md,svg}${copies}\n`);
  return errors.length ? 1 : 0;
}

function fanoutPlot(points: FanoutPoint[]): string {
  const series: Series[] = [];
  const kinds = [
    { key: 'real', name: 'real path', color: '#1f5fbf' },
    { key: 'bareLua', name: 'bare Lua batch', color: '#2a9d3f' },
    { key: 'pipeline', name: 'ZADD pipeline', color: '#c2332b' },
  ] as const;
  for (const state of ['fresh', 'full'] as const) {
    for (const kind of kinds) {
      const pts = points.filter((p) => p.state === state).map((p) => ({ x: p.followers, y: p[kind.key].ms / 1000 }));
      if (pts.length) series.push({ name: `${kind.name}, ${state}`, color: kind.color, dashed: state === 'full', points: pts });
    }
  }
  return logLogSvg(
    'Fan-out of one article: time to reach every follower',
    { x: 'followers', y: 'seconds (log)', xLabel: countLabel, yLabel: secondsLabel },
    series,
  );
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);

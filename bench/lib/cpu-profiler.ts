import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';

export interface HotFunction {
  fn: string;
  where: string;
  selfPct: number;
}

/** Samples this process's CPU (V8 profiler) around `run`: the full profile, and the top self-time functions. */
export async function profiled<T>(run: () => Promise<T>): Promise<{ result: T; profile: Profiler.Profile; top: HotFunction[] }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const result = await run();
    const { profile } = await session.post('Profiler.stop');
    return { result, profile, top: hottest(profile, 15) };
  } finally {
    session.disconnect();
  }
}

function hottest(profile: Profiler.Profile, n: number): HotFunction[] {
  const bySite = new Map<string, { fn: string; where: string; hits: number }>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/node_modules\//, '~/').replace(/^file:\/\//, '').replace(/^.*\/dist\//, 'dist/')}:${lineNumber + 1}` : '';
    const fn = functionName || '(anonymous)';
    const key = `${fn}@${where}`;
    const site = bySite.get(key) ?? { fn, where, hits: 0 };
    site.hits += hits;
    bySite.set(key, site);
  }
  return [...bySite.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, n)
    .map((s) => ({ fn: s.fn, where: s.where, selfPct: Math.round((s.hits / Math.max(1, total)) * 1000) / 10 }));
}

import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';

export interface HotFunction {
  fn: string;
  where: string;
  selfPct: number;
}

export interface ProfileSummary {
  /** Functions by their own samples (native and library code included). */
  self: HotFunction[];
  /** Samples charged to the nearest project function up the stack: what each part of our code costs, libraries included. */
  byProjectFunction: HotFunction[];
}

// Compiled project code; everything else (node_modules, node internals, native) is charged to its project caller.
const PROJECT_CODE = /dist\/(src|bench)\//;
const isProjectCode = (url: string) => PROJECT_CODE.test(url) && !url.includes('/node_modules/');

/** Samples this process's CPU (V8 profiler) around `run`: the full profile, and the top self-time functions. */
export async function profiled<T>(run: () => Promise<T>): Promise<{ result: T; profile: Profiler.Profile; summary: ProfileSummary }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
    const result = await run();
    const { profile } = await session.post('Profiler.stop');
    return { result, profile, summary: summarise(profile, 15) };
  } finally {
    session.disconnect();
  }
}

export function summarise(profile: Profiler.Profile, n: number): ProfileSummary {
  const parentOf = new Map<number, Profiler.ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  const self = new Map<string, { fn: string; where: string; hits: number }>();
  const project = new Map<string, { fn: string; where: string; hits: number }>();
  let total = 0;
  const charge = (into: typeof self, node: Profiler.ProfileNode, hits: number) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${shorten(url)}:${lineNumber + 1}` : '(native)';
    const fn = functionName || '(anonymous)';
    const site = into.get(`${fn}@${where}`) ?? { fn, where, hits: 0 };
    site.hits += hits;
    into.set(`${fn}@${where}`, site);
  };
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    total += hits;
    charge(self, node, hits);
    charge(project, ownerOf(node, parentOf), hits);
  }
  const top = (sites: typeof self) =>
    [...sites.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, n)
      .map((s) => ({ fn: s.fn, where: s.where, selfPct: Math.round((s.hits / Math.max(1, total)) * 1000) / 10 }));
  return { self: top(self), byProjectFunction: top(project) };
}

/**
 * The nearest project frame up the stack; when an await cut the stack off from our code (the
 * stack then starts at runMicrotasks), the outermost library frame, i.e. the library entry our code called.
 */
function ownerOf(node: Profiler.ProfileNode, parentOf: Map<number, Profiler.ProfileNode>): Profiler.ProfileNode {
  let outermostWithCode: Profiler.ProfileNode | undefined;
  for (let at: Profiler.ProfileNode | undefined = node; at; at = parentOf.get(at.id)) {
    if (isProjectCode(at.callFrame.url)) return at;
    if (at.callFrame.url && !at.callFrame.url.startsWith('node:')) outermostWithCode = at;
  }
  return outermostWithCode ?? node;
}

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  return path.includes('/node_modules/') ? path.replace(/^.*\/node_modules\//, '~/') : path.replace(/^.*dist\//, 'dist/');
}

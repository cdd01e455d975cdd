import { randomBytes } from 'node:crypto';
import type { PlanResult } from '../../src/fanout/fanout-planner.service';
import type { BenchEnv } from './bench-env';

export interface Published {
  articleId: string;
  /** Date.now() just before the POST was sent. */
  t0: number;
  postMs: number;
}

/** One fan-out through the real path, timed from the job timestamps the workers wrote. */
export interface FanoutTiming extends Published {
  followers: number;
  chunks: number;
  /** Sum of the feeds the chunk jobs wrote: equals `followers` when nothing was lost. */
  deliveries: number;
  failedJobs: number;
  planDoneMs: number;
  firstChunkStartMs: number;
  lastChunkDoneMs: number;
}

const POLL_MS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** POST /v1/articles over HTTP as the bench editor, like a CMS would. */
export async function publishArticle(env: BenchEnv, topicSlug: string): Promise<Published> {
  const t0 = Date.now();
  const res = await fetch(`${env.baseUrl}/v1/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.editorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      headline: `Bench fan-out ${randomBytes(4).toString('hex')}: the tram line opens`,
      body: 'A short body.',
      summary: ['One line of summary.'],
      topicSlugs: [topicSlug],
    }),
  });
  const postMs = Date.now() - t0;
  const body = (await res.json()) as { id?: string };
  if (res.status !== 201 || !body.id) throw new Error(`publish answered ${res.status}: ${JSON.stringify(body)}`);
  return { articleId: body.id, t0, postMs };
}

/** Drops completed jobs of earlier runs, so a run's chunk jobs can be read back cheaply. */
export async function clearCompleted(env: BenchEnv): Promise<void> {
  await env.queue.clean(0, 1_000_000, 'completed');
}

/** Waits until the plan job and every chunk job it made are done, then reads their timestamps. */
export async function awaitFanout(env: BenchEnv, published: Published, timeoutMs = 600_000): Promise<FanoutTiming> {
  const queue = env.queue;
  const deadline = Date.now() + timeoutMs;
  const planId = `plan.${published.articleId}.v1`;
  for (;;) {
    const plan = await queue.getJob(planId);
    if (plan && (await plan.getState()) === 'failed') throw new Error(`plan job failed: ${plan.failedReason}`);
    if (plan?.finishedOn) break;
    if (Date.now() > deadline) throw new Error(`plan job ${planId} not done within ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
  // Chunk jobs are enqueued before the plan job completes, so an empty queue now means all chunks ran.
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'delayed', 'waiting-children');
    if (Object.values(counts).every((n) => n === 0)) break;
    if (Date.now() > deadline) throw new Error(`fan-out of ${published.articleId} not done within ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
  const plan = (await queue.getJob(planId))!;
  const planResult = plan.returnvalue as PlanResult;
  if (planResult.skipped) throw new Error(`plan skipped: ${planResult.skipped}`);
  const ofThisArticle = (job: { name: string; data: { articleId?: string } }) =>
    job.name === 'fanout.chunk' && job.data.articleId === published.articleId;
  const done = (await queue.getJobs(['completed'])).filter(ofThisArticle);
  const failed = (await queue.getJobs(['failed'])).filter(ofThisArticle);
  // The plan job writes the chunks of the first followers itself (FANOUT_INLINE_FOLLOWERS).
  const inline = planResult.inline;
  const deliveries = done.reduce((n, j) => n + ((j.returnvalue as { written: number }).written ?? 0), inline?.written ?? 0);
  const lastDone = Math.max(plan.finishedOn!, ...done.map((j) => j.finishedOn ?? 0));
  const starts = [...done.map((j) => j.processedOn ?? Infinity), inline ? inline.firstAtMs : Infinity];
  const firstStart = Math.min(...starts) === Infinity ? plan.finishedOn! : Math.min(...starts);
  return {
    ...published,
    followers: planResult.followers,
    chunks: planResult.chunks,
    deliveries,
    failedJobs: failed.length,
    planDoneMs: plan.finishedOn! - published.t0,
    firstChunkStartMs: firstStart - published.t0,
    lastChunkDoneMs: lastDone - published.t0,
  };
}

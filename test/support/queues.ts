import type { JobType } from 'bullmq';
import { JobProducer } from '../../src/infra/queues/job-producer.service';
import type { TestApp } from './test-app';

/**
 * Waits until no queue has waiting, active or (unless `includeDelayed` is false) delayed jobs:
 * the e2e way to know a fan-out is done, instead of sleeping.
 */
export async function waitForQueuesIdle(t: TestApp, { timeoutMs = 20_000, includeDelayed = false } = {}) {
  const producer = t.app.get(JobProducer);
  const deadline = Date.now() + timeoutMs;
  const states: JobType[] = ['waiting', 'active', 'prioritized', 'waiting-children'];
  for (;;) {
    let busy = 0;
    for (const queue of producer.allQueues()) {
      const counts = await queue.getJobCounts(...states);
      busy += Object.values(counts).reduce((a, b) => a + b, 0);
      // The next run of a periodic job (a job scheduler's) is always delayed: it is not work in flight.
      if (includeDelayed) busy += (await queue.getDelayed()).filter((job) => !job.repeatJobKey).length;
    }
    if (busy === 0) return;
    if (Date.now() > deadline) throw new Error(`queues still busy after ${timeoutMs} ms (${busy} jobs)`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Pauses every queue (no job starts) and waits out the jobs in flight, so a test can count what the API alone does
 * while the in-process workers' periodic jobs would run; answers the resume.
 */
export async function pauseQueues(t: TestApp): Promise<() => Promise<void>> {
  const queues = t.app.get(JobProducer).allQueues();
  await Promise.all(queues.map((queue) => queue.pause()));
  await eventually(async () => (await Promise.all(queues.map((queue) => queue.getActiveCount()))).every((n) => n === 0));
  return async () => void (await Promise.all(queues.map((queue) => queue.resume())));
}

/** Polls `check` until it returns a truthy value, and returns that value. */
export async function eventually<T>(check: () => T | Promise<T>, { timeoutMs = 15_000, intervalMs = 50 } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

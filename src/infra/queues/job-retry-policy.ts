import type { BackoffStrategy } from 'bullmq';

/**
 * How failed jobs are retried: exponential from 1 s, capped at 5 min, 25 attempts, so a job
 * keeps trying through a dependency outage of more than an hour (retrySpanMs) and, once the
 * outage ends, runs again within 5 min. BullMQ's own exponential has no cap, hence a custom
 * strategy, which every worker must be given (RETRYING_WORKER_SETTINGS).
 */
export const RETRY_BACKOFF_TYPE = 'capped-exponential';
export const FIRST_RETRY_MS = 1000;
export const MAX_RETRY_DELAY_MS = 5 * 60_000;
export const JOB_ATTEMPTS = 25;

/** The wait before the next attempt, after `attemptsMade` failed ones (1 for the first retry). */
export function retryDelayMs(attemptsMade: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attemptsMade - 1));
}

/** From the first attempt to the last, ignoring run times: how long an outage the retries outlast. */
export function retrySpanMs(attempts = JOB_ATTEMPTS): number {
  let total = 0;
  for (let made = 1; made < attempts; made++) total += retryDelayMs(made);
  return total;
}

const backoffStrategy: BackoffStrategy = (attemptsMade) => retryDelayMs(attemptsMade);

/** For every @Processor's options: `{ settings: RETRYING_WORKER_SETTINGS }`. */
export const RETRYING_WORKER_SETTINGS = { backoffStrategy };

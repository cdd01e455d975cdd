import { FIRST_RETRY_MS, JOB_ATTEMPTS, MAX_RETRY_DELAY_MS, RETRYING_WORKER_SETTINGS, retryDelayMs, retrySpanMs } from './job-retry-policy';
import { jobOptions } from './job-producer.service';

describe('job retry policy', () => {
  it('retries through an outage of more than an hour', () => {
    expect(retrySpanMs()).toBeGreaterThan(3600_000);
    expect(retrySpanMs()).toBeLessThan(3 * 3600_000);
  });

  it('the producer gives every job that many attempts and the capped strategy', () => {
    const opts = jobOptions('plan.1.v1');
    expect(opts.attempts).toBe(JOB_ATTEMPTS);
    expect(opts.backoff).toEqual({ type: 'capped-exponential' });
    const delays = Array.from({ length: JOB_ATTEMPTS - 1 }, (_, i) => RETRYING_WORKER_SETTINGS.backoffStrategy(i + 1) as number);
    expect(delays.reduce((a, b) => a + b, 0)).toBe(retrySpanMs());
  });

  it('grows exponentially from the first retry, then stays at the cap', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([1, 2, 4, 8].map((f) => f * FIRST_RETRY_MS));
    expect(retryDelayMs(9)).toBe(256 * FIRST_RETRY_MS);
    expect(retryDelayMs(10)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(24)).toBe(MAX_RETRY_DELAY_MS);
  });
});

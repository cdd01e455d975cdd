import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { queuePrefix } from '../../src/infra/queues/queues.module';
import { eventually } from '../support/queues';
import { removeTestData, testConfig } from '../support/test-app';
import { exited, spawnWorker } from '../support/worker-process';
import { freePort } from '../support/free-port';

const TOKEN = 'scrape-token-0123456789';

describe('the worker process serves its own /metrics', () => {
  const config = testConfig();
  let worker: ChildProcess;
  let url: string;
  let queue: Queue;
  let logs = '';

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    worker = spawnWorker(config, { WORKER_METRICS_PORT: String(port), METRICS_TOKEN: TOKEN }, { stdout: 'pipe' });
    worker.stdout!.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    queue = new Queue(QUEUE.fanout, { prefix: queuePrefix(config), connection: { url: config.REDIS_URL } });
    await eventually(async () => (await fetch(`${url}/metrics`).catch(() => undefined))?.status === 401, {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
  });
  afterAll(async () => {
    if (worker.exitCode === null) worker.kill('SIGKILL');
    await queue.close();
    await removeTestData(config);
  });

  const scrape = () => fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });

  it('answers with Prometheus text: queue depths, fan-out and failure series, process metrics', async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^mynews_queue_jobs\{queue="fanout",state="waiting"\} 0$/m);
    expect(text).toMatch(/^mynews_fanout_deliveries_total 0$/m);
    expect(text).toContain('# TYPE mynews_fanout_lag_seconds histogram');
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
  });

  it("counts the worker's failed job attempts and logs each, structured", async () => {
    await queue.add('no.such.job', {}, { attempts: 1, jobId: 'failing-1' });
    await eventually(async () =>
      /^mynews_job_failures_total\{queue="fanout",name="no\.such\.job"\} 1$/m.test(await (await scrape()).text()),
    );
    const failed = () =>
      logs
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((entry) => entry.jobId === 'failing-1');
    await eventually(() => failed() !== undefined);
    expect(failed()).toMatchObject({
      queue: 'fanout',
      name: 'no.such.job',
      attempt: 1,
      reason: 'no handler for job no.such.job',
      msg: 'job failed for good',
    });
  });

  it('wants the METRICS_TOKEN when one is set, and serves nothing else', async () => {
    const anonymous = await fetch(`${url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    expect(await anonymous.json()).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await fetch(`${url}/`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it('stops on SIGTERM, metrics port and all, with a scraper still connected', async () => {
    expect((await scrape()).status).toBe(200); // leaves a keep-alive connection open
    worker.kill('SIGTERM');
    await exited(worker);
    await expect(fetch(`${url}/metrics`)).rejects.toThrow();
  });
});

import { Queue } from 'bullmq';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import type { AppConfig } from '../../src/infra/config/app-config';
import { QUEUE } from '../../src/infra/queues/job-catalogue';
import { queuePrefix } from '../../src/infra/queues/queues.module';
import { eventually } from '../support/queues';
import { removeTestData, testConfig } from '../support/test-app';
import { freePort } from '../support/free-port';

// Generous: a bound on a hang, not a measure of speed. An idle process closes in well under a second.
const EXIT_WITHIN_MS = 15_000;

interface Started {
  child: ChildProcess;
  /** Everything the process wrote: stderr, and stdout where pino logs (LOG_LEVEL=warn: warnings and errors only). */
  output: string[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a compiled entry (as npm start / start:api / start:worker do) on the test's database and prefix. */
function start(entry: string, args: string[], config: AppConfig, env: Record<string, string>): Started {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: npm test builds it first (pretest)`);
  const child = spawn(process.execPath, [entry, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      REDIS_PREFIX: config.REDIS_PREFIX,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output, exit };
}

/** Status of a GET, or 0 when nothing answers yet; no keep-alive, so no socket outlives the check. */
function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', () => resolve(0));
  });
}

/** SIGTERM, then the process must be gone within the bound, by exit code 0 or by the signal itself. */
async function stopWithSigterm(started: Started): Promise<{ code: number | null; signal: NodeJS.Signals | null; outputAfter: string }> {
  const before = started.output.length;
  started.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running ${EXIT_WITHIN_MS} ms after SIGTERM`)), EXIT_WITHIN_MS);
  });
  try {
    const result = await Promise.race([started.exit, hung]);
    return { ...result, outputAfter: started.output.slice(before).join('') };
  } finally {
    clearTimeout(timer);
  }
}

describe('graceful shutdown of the compiled entries on SIGTERM (idle queue)', () => {
  let config: AppConfig;
  let queue: Queue;
  const running: Started[] = [];

  beforeAll(() => {
    config = testConfig();
    queue = new Queue(QUEUE.fanout, { prefix: queuePrefix(config), connection: { url: config.REDIS_URL } });
  });

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await queue?.close();
    await removeTestData(config);
  });

  const expectCleanExit = (result: { code: number | null; signal: NodeJS.Signals | null; outputAfter: string }) => {
    expect(result.outputAfter).toBe('');
    expect(result.code === 0 || result.signal === 'SIGTERM').toBe(true);
  };

  it.each([
    ['npm start (API and workers)', []],
    ['npm run start:api', ['--api-only']],
  ])('%s: dist/src/main.js answers /health/ready, then exits promptly and quietly on SIGTERM', async (_name, args) => {
    const port = await freePort();
    const api = start('dist/src/main.js', args, config, { PORT: String(port) });
    running.push(api);
    await eventually(async () => (await statusOf(`http://127.0.0.1:${port}/health/ready`)) === 200 || api.child.exitCode !== null, {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    expect(api.child.exitCode).toBeNull();
    const workersBefore = await queue.getWorkersCount();

    expectCleanExit(await stopWithSigterm(api));

    expect(await statusOf(`http://127.0.0.1:${port}/health/live`)).toBe(0);
    expect(await queue.getWorkersCount()).toBe(args.length ? workersBefore : workersBefore - 1);
  });

  it('npm run start:worker: dist/src/worker.js consumes the queue, then exits promptly and quietly on SIGTERM', async () => {
    const metricsPort = await freePort();
    const worker = start('dist/src/worker.js', [], config, { WORKER_METRICS_PORT: String(metricsPort) });
    running.push(worker);
    await eventually(async () => (await queue.getWorkersCount()) === 1 || worker.child.exitCode !== null, {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    await eventually(async () => (await statusOf(`http://127.0.0.1:${metricsPort}/metrics`)) === 200, {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    expect(worker.child.exitCode).toBeNull();

    expectCleanExit(await stopWithSigterm(worker));

    expect(await queue.getWorkersCount()).toBe(0);
    expect(await statusOf(`http://127.0.0.1:${metricsPort}/metrics`)).toBe(0);
  });
});

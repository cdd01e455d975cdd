import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Queue } from 'bullmq';
import type { AppConfig } from '../../src/infra/config/app-config';

// Compiled layout: dist/bench/lib/worker-pool.js beside dist/src/worker.js.
const WORKER_ENTRY = resolve(__dirname, '../../src/worker.js');

/** Fan-out workers as separate processes, as production runs them (`npm run start:worker`). */
export class WorkerPool {
  private children: ChildProcess[] = [];

  constructor(
    private readonly env: Record<string, string>,
    private readonly queue: Queue,
  ) {}

  get pids(): number[] {
    return this.children.map((c) => c.pid!).filter(Boolean);
  }

  async start(count: number): Promise<void> {
    if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: run "npm run build" first`);
    for (let i = 0; i < count; i++) {
      const child = spawn(process.execPath, [WORKER_ENTRY], {
        env: { PATH: process.env.PATH ?? '', ...this.env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.once('exit', (code, signal) => {
        if (this.children.includes(child)) console.error(`bench: a worker exited early (code ${code}, signal ${signal})`);
      });
      this.children.push(child);
    }
    const deadline = Date.now() + 30_000;
    while ((await this.queue.getWorkers()).length < count) {
      if (Date.now() > deadline) throw new Error(`workers did not connect within 30 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    const children = this.children;
    this.children = [];
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

/** The environment a worker child needs to share the bench's database, Redis db and key prefix. */
export function workerEnv(config: AppConfig): Record<string, string> {
  return {
    NODE_ENV: config.NODE_ENV,
    LOG_LEVEL: config.LOG_LEVEL,
    JWT_SECRET: config.JWT_SECRET,
    METRICS_TOKEN: config.METRICS_TOKEN ?? '',
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    FEED_MAX_ITEMS: String(config.FEED_MAX_ITEMS),
    FEED_BUCKETS: String(config.FEED_BUCKETS),
    FANOUT_CHUNK_SIZE: String(config.FANOUT_CHUNK_SIZE),
    WORKER_CONCURRENCY: String(config.WORKER_CONCURRENCY),
    WORKER_METRICS_PORT: '0',
    ALERT_CHUNK_SIZE: String(config.ALERT_CHUNK_SIZE),
    VAPID_PUBLIC_KEY: config.VAPID_PUBLIC_KEY ?? '',
    VAPID_PRIVATE_KEY: config.VAPID_PRIVATE_KEY ?? '',
    VAPID_SUBJECT: config.VAPID_SUBJECT ?? '',
  };
}

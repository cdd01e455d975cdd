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

  /** The pool's size and settings now (what `restart` last asked for). */
  current: { count: number; env: Record<string, string> } = { count: 0, env: {} };

  /** Stops the workers and starts `count` new ones with `overrides` on top of the pool's environment. */
  async restart(count: number, overrides: Record<string, string> = {}): Promise<void> {
    await this.stop();
    const deadline = Date.now() + 30_000;
    while ((await this.queue.getWorkers()).length > 0) {
      if (Date.now() > deadline) throw new Error(`stopped workers still connected after 30 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.start(count, overrides);
  }

  async start(count: number, overrides: Record<string, string> = {}): Promise<void> {
    this.current = { count, env: overrides };
    if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: run "npm run build" first`);
    for (let i = 0; i < count; i++) {
      const child = spawn(process.execPath, [...profileArgs(), WORKER_ENTRY], {
        env: { PATH: process.env.PATH ?? '', ...this.env, ...overrides },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.once('exit', (code, signal) => {
        if (this.children.includes(child)) console.error(`bench: a worker exited early (code ${code}, signal ${signal})`);
      });
      this.children.push(child);
    }
    // A worker boots in 2-5 s on a quiet box, but well over 30 s on a loaded one.
    const deadline = Date.now() + 120_000;
    while ((await this.queue.getWorkers()).length < count) {
      if (Date.now() > deadline) throw new Error(`workers did not connect within 120 s`);
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

/**
 * BENCH_WORKER_PROFILE_DIR=dir: each worker writes a V8 CPU profile there when it exits
 * (summarise with `node dist/bench/lib/profile-summary.js dir/*.cpuprofile`).
 */
function profileArgs(): string[] {
  const dir = process.env.BENCH_WORKER_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : [];
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
    ...(config.REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES: config.REDIS_CLUSTER_NODES } : {}),
    REDIS_PREFIX: config.REDIS_PREFIX,
    FEED_MAX_ITEMS: String(config.FEED_MAX_ITEMS),
    FEED_BUCKETS: String(config.FEED_BUCKETS),
    FANOUT_CHUNK_SIZE: String(config.FANOUT_CHUNK_SIZE),
    FANOUT_INLINE_FOLLOWERS: String(config.FANOUT_INLINE_FOLLOWERS),
    WORKER_CONCURRENCY: String(config.WORKER_CONCURRENCY),
    WORKER_METRICS_PORT: '0',
    ALERT_CHUNK_SIZE: String(config.ALERT_CHUNK_SIZE),
    VAPID_PUBLIC_KEY: config.VAPID_PUBLIC_KEY ?? '',
    VAPID_PRIVATE_KEY: config.VAPID_PRIVATE_KEY ?? '',
    VAPID_SUBJECT: config.VAPID_SUBJECT ?? '',
  };
}

import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AppConfig } from '../../src/infra/config/app-config';
import { redisEnv } from './test-app';

const WORKER_ENTRY = 'dist/src/worker.js';
const API_ENTRY = 'dist/src/main.js';

/** Starts `npm run start:worker`'s compiled entry as a real child process on the test's database and Redis prefix. */
export function spawnWorker(config: AppConfig, env: Record<string, string> = {}, options: { stdout?: 'pipe' } = {}): ChildProcess {
  return spawnEntry(WORKER_ENTRY, [], config, env, options.stdout ?? 'ignore');
}

/** Starts `npm run start:api` (the API alone, no workers) as a child process listening on `port`. */
export function spawnApi(config: AppConfig, port: number, env: Record<string, string> = {}): ChildProcess {
  return spawnEntry(API_ENTRY, ['--api-only'], config, { PORT: String(port), ...env }, 'ignore');
}

function spawnEntry(
  entry: string,
  args: string[],
  config: AppConfig,
  env: Record<string, string>,
  stdout: 'ignore' | 'pipe',
): ChildProcess {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: npm test builds it first (pretest)`);
  return spawn(process.execPath, [entry, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: config.DATABASE_URL,
      ...redisEnv(config),
      REDIS_PREFIX: config.REDIS_PREFIX,
      // No metrics server unless a test asks for one: workers of parallel runs would fight over 9464.
      WORKER_METRICS_PORT: '0',
      ...env,
    },
    stdio: ['ignore', stdout, 'inherit'],
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

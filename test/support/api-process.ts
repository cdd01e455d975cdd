import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AppConfig } from '../../src/infra/config/app-config';
import { redisEnv } from './test-app';
import { freePort } from './free-port';
import { eventually } from './queues';
import { exited } from './worker-process';

const API_ENTRY = 'dist/src/main.js';

export interface ApiProcess {
  base: string;
  port: number;
  /** Everything the process wrote to stdout so far (its JSON log). */
  stdout(): string;
  /** Everything it wrote to stderr so far (also echoed to the test's stderr). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Runs the compiled API (`npm run start:api`) on a free port, its stdout kept for log assertions. */
export async function startApiProcess(config: AppConfig, env: Record<string, string> = {}): Promise<ApiProcess> {
  if (!existsSync(API_ENTRY)) throw new Error(`${API_ENTRY} is missing: npm test builds it first (pretest)`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let out = '';
  let err = '';
  const child: ChildProcess = spawn(process.execPath, [API_ENTRY, '--api-only'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: String(port),
      DATABASE_URL: config.DATABASE_URL,
      ...redisEnv(config),
      REDIS_PREFIX: config.REDIS_PREFIX,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    process.stderr.write(chunk);
  });
  await eventually(async () => (await fetch(`${base}/health/live`).catch(() => undefined))?.ok, { timeoutMs: 30_000, intervalMs: 100 });
  return {
    base,
    port,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

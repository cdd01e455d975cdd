import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { get, request } from 'node:http';
import type { AppConfig } from '../../src/infra/config/app-config';
import { cli, startCli, useCliEnv } from '../support/cli-runner';
import { eventually } from '../support/queues';
import { removeTestData, testConfig } from '../support/test-app';
import { freePort } from '../support/free-port';

/** A port nothing listens on (free a moment ago). */

const STACK_LINE = /\n\s+at /;

/** GET without keep-alive (fetch's pooled socket would outlive the test). */
function statusOf(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

/** GET, or POST of a JSON body, without keep-alive; the answer's status and parsed body. */
function jsonOf(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { agent: false, method: body ? 'POST' : 'GET', headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || 'null') as unknown }));
      },
    ).on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

describe('npm run demo (the demo command)', () => {
  it('says Building… before it builds, then runs the demo', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.demo.split(' && ')).toEqual(['echo Building…', 'npm run --silent build', 'node dist/src/cli/cli.js demo']);
  });

  it('prepares, seeds and serves, prints where things are and a sample feed with the seed story, and stops on Ctrl-C', async () => {
    const config: AppConfig = testConfig();
    const port = await freePort();
    const restoreEnv = useCliEnv(config, { PORT: String(port) });
    const listenersBefore = process.listeners('SIGINT');
    const kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
    try {
      const demo = startCli('demo');
      const ended = demo.done.then((run) => {
        throw new Error(`the demo ended early (exit ${run.exitCode}): ${run.err}`);
      });
      await Promise.race([ended, eventually(() => demo.out.join('\n').includes('Press Ctrl-C to stop.'), { timeoutMs: 60_000 })]);
      ended.catch(() => undefined);

      const printed = demo.out.join('\n');
      const base = `http://127.0.0.1:${port}`;
      for (const where of [
        `${base}/v1`,
        `${base}/docs`,
        `${base}/docs-json`,
        `${base}/admin/queues`,
        `${base}/metrics`,
        `${base}/health/ready`,
      ]) {
        expect(printed).toContain(where);
      }
      expect(printed).toContain(`Web reader      ${base}/ `);
      expect(printed).toMatch(/reader@mynews\.local\s+reader/);
      expect(printed).toMatch(/editor@mynews\.local\s+editor/);
      expect(printed).toContain('password "mynews-demo"');
      // An admin signs in with the same demo password, listed with the others; the printed curl line reads the feed.
      // (Checked after Ctrl-C: a failed expect here would leave the demo serving.)
      const login = await jsonOf(`${base}/v1/auth/login`, { email: 'admin@mynews.local', password: 'mynews-demo' });
      const adminRole = (login.body as { user?: { role: string } }).user?.role;
      const [, feedUrl, token] = /^\s+curl -s '(\S+\/v1\/feed\?limit=5)' -H 'authorization: Bearer (\S+)'$/m.exec(printed) ?? [];
      const feed = feedUrl ? await jsonOf(feedUrl, undefined, { authorization: `Bearer ${token}` }) : undefined;
      const feedItems = feed?.status === 200 ? (feed.body as { items: unknown[] }).items.length : feed?.status;
      expect(printed).toMatch(
        /^\s+1\. US, China launch working group to address opioid crisis {2}\[US-China relations, Drugs & public health\] {2}\(a story of [3-9] articles, shown once\)$/m,
      );
      expect(printed.match(/^\s+\d+\. .+ {2}\[.+\]( {2}\(a story of \d+ articles, shown once\))?$/gm)!.length).toBeGreaterThanOrEqual(5);
      // It really serves what it printed.
      expect(await statusOf(`${base}/v1/topics`)).toBe(200);

      // Ctrl-C: the listeners the demo's app added run its graceful shutdown, then re-raise the signal.
      for (const listener of process.listeners('SIGINT')) {
        if (!listenersBefore.includes(listener)) (listener as (signal: string) => void)('SIGINT');
      }
      const run = await demo.done;

      expect(run.exitCode).toBe(0);
      expect(run.out).toContain('myNEWS demo stopped.');
      expect(printed).toMatch(/^\s+admin@mynews\.local\s+admin, also for .+\/admin\/queues$/m);
      expect(adminRole).toBe('admin');
      expect(feedItems).toBe(5);
      await eventually(() => kill.mock.calls.some(([pid, signal]) => pid === process.pid && signal === 'SIGINT'));
      await expect(statusOf(`${base}/health/live`)).rejects.toThrow('ECONNREFUSED');
      expect(process.listeners('SIGINT')).toEqual(listenersBefore);
    } finally {
      kill.mockRestore();
      restoreEnv();
      await removeTestData(config);
    }
  });

  it('names the unreachable Postgres and Redis, their addresses and how to start them, without a stack trace', async () => {
    const config = testConfig();
    const [pgPort, redisPort] = [await freePort(), await freePort()];
    const restoreEnv = useCliEnv(config, {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/mynews_demo_unreachable`,
    });
    try {
      const pgDown = await cli('demo');
      expect(pgDown.exitCode).toBe(1);
      expect(pgDown.err).toContain(`PostgreSQL is not reachable at 127.0.0.1:${pgPort} (DATABASE_URL): connection refused`);
      expect(pgDown.err).toContain('docker compose up -d postgres');
      expect(pgDown.err).not.toContain('Redis');
      expect(pgDown.err).not.toMatch(STACK_LINE);

      process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
      const bothDown = await cli('demo');
      expect(bothDown.exitCode).toBe(1);
      expect(bothDown.err).toContain(`PostgreSQL is not reachable at 127.0.0.1:${pgPort} (DATABASE_URL)`);
      expect(bothDown.err).toContain(`Redis is not reachable at 127.0.0.1:${redisPort} (REDIS_URL): connection refused`);
      expect(bothDown.err).toContain('docker compose up -d redis');
      expect(bothDown.err).not.toMatch(STACK_LINE);

      process.env.DATABASE_URL = config.DATABASE_URL;
      const redisDown = await cli('demo');
      expect(redisDown.exitCode).toBe(1);
      expect(redisDown.err).toContain(`Redis is not reachable at 127.0.0.1:${redisPort} (REDIS_URL)`);
      expect(redisDown.err).not.toContain('PostgreSQL');
    } finally {
      restoreEnv();
    }
  });
});

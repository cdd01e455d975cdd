import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { eventually } from '../support/queues';
import { removeTestData, testConfig } from '../support/test-app';
import { exited } from '../support/worker-process';
import { freePort } from '../support/free-port';

const API_ENTRY = 'dist/src/main.js';

interface LogLine {
  msg?: string;
  req?: { id?: string; method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

/** Request logs are off under NODE_ENV=test, so this runs the compiled API as `npm run start:api` does and reads its stdout. */
describe('request ids in answers and request logs', () => {
  const config = testConfig();
  let api: ChildProcess;
  let base: string;
  let stdout = '';
  const logLines = (): LogLine[] =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);

  beforeAll(async () => {
    if (!existsSync(API_ENTRY)) throw new Error(`${API_ENTRY} is missing: npm test builds it first (pretest)`);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [API_ENTRY, '--api-only'], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        PORT: String(port),
        DATABASE_URL: config.DATABASE_URL,
        REDIS_URL: config.REDIS_URL,
        REDIS_PREFIX: config.REDIS_PREFIX,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    api.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    await eventually(async () => (await fetch(`${base}/health/live`).catch(() => undefined))?.ok, { timeoutMs: 30_000, intervalMs: 100 });
  });
  afterAll(async () => {
    api.kill('SIGTERM');
    await exited(api);
    await removeTestData(config);
  });

  it("answers with the caller's x-request-id and logs the request under it, without its headers", async () => {
    const res = await fetch(`${base}/v1/me`, {
      headers: { 'x-request-id': 'ops-trace-42', authorization: 'Bearer very-secret-token-value' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('ops-trace-42');

    const line = await eventually(() => logLines().find((l) => l.req?.id === 'ops-trace-42' && l.res));
    expect(line.req).toEqual({ id: 'ops-trace-42', method: 'GET', url: '/v1/me' });
    expect(line.res!.statusCode).toBe(401);
    expect(line.responseTime).toEqual(expect.any(Number));
    expect(stdout).not.toContain('very-secret-token-value');
  });

  it('keeps an access token given in the query out of the logs', async () => {
    const res = await fetch(`${base}/v1/feed/stream?access_token=query-secret-token-value`, {
      headers: { 'x-request-id': 'ops-trace-sse' },
    });
    expect(res.status).toBe(401);
    const line = await eventually(() => logLines().find((l) => l.req?.id === 'ops-trace-sse' && l.res));
    expect(line.req!.url).toBe('/v1/feed/stream?access_token=[Redacted]');
    expect(stdout).not.toContain('query-secret-token-value');
  });

  it('makes up an id when the caller sends none, and logs under that one', async () => {
    const res = await fetch(`${base}/v1/topics`);
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const line = await eventually(() => logLines().find((l) => l.req?.id === id && l.res));
    expect(line.res!.statusCode).toBe(200);
  });

  it('gives distinct requests distinct ids', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await fetch(`${base}/health/live`)).headers.get('x-request-id')));
    expect(new Set(ids).size).toBe(3);
  });
});

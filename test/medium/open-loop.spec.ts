import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openLoop } from '../../bench/lib/open-loop';

/** A server that answers each request `delayMs` after it arrives, or after the one before it when `serial`. */
async function slowServer(delayMs: number, serial: boolean): Promise<{ url: string; server: Server }> {
  let freeAt = 0;
  const server = createServer((_, res) => {
    const start = serial ? Math.max(Date.now(), freeAt) : Date.now();
    freeAt = start + delayMs;
    setTimeout(() => res.end('ok'), freeAt - Date.now());
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('openLoop (the bench read scenario open-loop generator)', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((done) => s.close(done)))));

  it('sends at the offered rate and counts every answer', async () => {
    const { url, server } = await slowServer(2, false);
    servers.push(server);
    const result = await openLoop({ url, rate: 100, seconds: 1, connections: 8, nextRequest: () => ({ path: '/', headers: {} }) });
    expect(result).toMatchObject({ sent: 100, ok: 100, non2xx: 0, errors: 0 });
    // Lower bounds only: how fast a shared box answers is the bench's business, not a test's.
    expect(result.seconds).toBeGreaterThan(0.95);
    expect(result.p50).toBeGreaterThanOrEqual(2);
  });

  it('times requests from when they were due, so waiting behind a slow answer counts', async () => {
    // 20 requests due within 1 s, answered one at a time 100 ms each: the last waits about a second.
    const { url, server } = await slowServer(100, true);
    servers.push(server);
    const result = await openLoop({ url, rate: 20, seconds: 1, connections: 1, nextRequest: () => ({ path: '/', headers: {} }) });
    expect(result.ok).toBe(20);
    expect(result.p99).toBeGreaterThan(800);
    expect(result.p50).toBeGreaterThan(300);
  });
});

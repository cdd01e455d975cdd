import { Agent, request } from 'node:http';
import { percentile } from './stats';

export interface OpenLoopRun {
  url: string;
  rate: number;
  seconds: number;
  /** Sockets kept open; a request scheduled while all are busy waits for one, and that wait counts. */
  connections: number;
  /** Path and headers of the i-th request. */
  nextRequest(): { path: string; headers: Record<string, string> };
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  seconds: number;
}

/**
 * Requests sent at a fixed rate, whatever the answers' pace, each timed from when it was due to be sent, not from
 * when a socket took it: a slow answer delays the ones behind it and they count that wait (no coordinated omission).
 */
export async function openLoop(run: OpenLoopRun): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: run.connections });
  const intervalMs = 1000 / run.rate;
  const total = Math.floor(run.rate * run.seconds);
  const latencies: number[] = [];
  const counts = { ok: 0, non2xx: 0, errors: 0 };
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const send = (dueAt: number) =>
    new Promise<void>((done) => {
      const { path, headers } = run.nextRequest();
      const req = request(`${run.url}${path}`, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - dueAt);
          if (res.statusCode! >= 200 && res.statusCode! < 300) counts.ok++;
          else counts.non2xx++;
          done();
        });
      });
      req.on('error', () => {
        counts.errors++;
        done();
      });
      req.end();
    });
  for (let sent = 0; sent < total;) {
    const now = performance.now();
    for (; sent < total && started + sent * intervalMs <= now; sent++) pending.push(send(started + sent * intervalMs));
    await new Promise((wake) => setTimeout(wake, Math.max(0, started + sent * intervalMs - performance.now())));
  }
  await Promise.all(pending);
  agent.destroy();
  return {
    sent: total,
    ...counts,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.reduce((a, b) => Math.max(a, b), 0),
    seconds: (performance.now() - started) / 1000,
  };
}

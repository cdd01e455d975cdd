import autocannon from 'autocannon';
import { openLoop } from './open-loop';

/** Messages the bench sends to this load-generator child (forked with an IPC channel). */
export type LoadCommand =
  | { type: 'readers'; ids: string[]; tokens: string[]; perReader?: Record<string, string[]> }
  | {
      type: 'run';
      url: string;
      path: string;
      connections: number;
      seconds: number;
      /** Open loop: requests/s offered, whatever the answers' pace. */ rate?: number;
    };

export interface LoadResult {
  type: 'result';
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
}

let ids: string[] = [];
let tokens: string[] = [];
// Per-reader values a path names as {name} (a reader's own cursor), index-aligned with ids.
let perReader: Record<string, string[]> = {};
const PLACEHOLDER = /\{(\w+)\}/g;

// Runs in its own process so the load generator's CPU is not the server's.
process.on('message', (command: LoadCommand) => {
  if (command.type === 'readers') {
    ids = command.ids;
    tokens = command.tokens;
    perReader = command.perReader ?? {};
    process.send!({ type: 'ready' });
    return;
  }
  void run(command).then(
    (result) => process.send!(result),
    (error: Error) => process.send!({ type: 'error', message: error.message }),
  );
});

/** A random reader's request: its token for the app, its id for the bare server, its own values in the path. */
function readerRequest(pathTemplate: string): { path: string; headers: Record<string, string> } {
  const i = Math.floor(Math.random() * ids.length);
  const path = pathTemplate.includes('{') ? pathTemplate.replace(PLACEHOLDER, (_, name: string) => perReader[name][i]) : pathTemplate;
  return { path, headers: { authorization: `Bearer ${tokens[i]}`, 'x-reader': ids[i] } };
}

async function run(command: Extract<LoadCommand, { type: 'run' }>): Promise<LoadResult> {
  if (command.rate) {
    const open = await openLoop({ ...command, rate: command.rate, nextRequest: () => readerRequest(command.path) });
    return { type: 'result', rps: open.ok / open.seconds, timeouts: 0, ...open };
  }
  const result = await autocannon({
    url: command.url,
    connections: command.connections,
    duration: command.seconds,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        path: command.path,
        setupRequest: (req) => {
          const { path, headers } = readerRequest(command.path);
          return { ...req, path, headers: { ...req.headers, ...headers } };
        },
      },
    ],
  });
  return {
    type: 'result',
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
  };
}

import autocannon from 'autocannon';

/** Messages the bench sends to this load-generator child (forked with an IPC channel). */
export type LoadCommand =
  { type: 'readers'; ids: string[]; tokens: string[] } | { type: 'run'; url: string; path: string; connections: number; seconds: number };

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

// Runs in its own process so the load generator's CPU is not the server's.
process.on('message', (command: LoadCommand) => {
  if (command.type === 'readers') {
    ids = command.ids;
    tokens = command.tokens;
    process.send!({ type: 'ready' });
    return;
  }
  void run(command).then(
    (result) => process.send!(result),
    (error: Error) => process.send!({ type: 'error', message: error.message }),
  );
});

async function run(command: Extract<LoadCommand, { type: 'run' }>): Promise<LoadResult> {
  const result = await autocannon({
    url: command.url,
    connections: command.connections,
    duration: command.seconds,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        path: command.path,
        // A random reader per request: its token for the app, its id for the bare server.
        setupRequest: (req) => {
          const i = Math.floor(Math.random() * ids.length);
          return { ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[i]}`, 'x-reader': ids[i] } };
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

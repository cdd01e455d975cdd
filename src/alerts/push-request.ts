import http from 'node:http';
import https from 'node:https';

// Kept-alive connections per push service: a burst of pushes to one service reuses a few sockets
// instead of a TLS handshake each (Node's fetch costs several times more CPU per request here).
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export interface PushRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string | number>;
  body: Buffer | null;
}

/** Sends one prepared push request; resolves with the status (redirects are not followed), rejects on a network error or timeout. */
export function sendPushRequest(request: PushRequest, timeoutMs: number): Promise<number> {
  const url = new URL(request.endpoint);
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
  if (!client) return Promise.reject(new Error(`unsupported scheme ${url.protocol}`));
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: request.method, headers: request.headers, agent: agents[url.protocol as 'http:' | 'https:'], timeout: timeoutMs },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(request.body ?? undefined);
  });
}

import { connect } from 'node:net';
import { ApiProcess, startApiProcess } from '../support/api-process';
import { eventually } from '../support/queues';
import { removeTestData, testConfig } from '../support/test-app';

/** Sends `head` (and then `body` one byte per `gapMs`) on a raw socket; resolves with whatever the server answers. */
function rawExchange(port: number, head: string, body = '', gapMs = 0): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ text, ms: Date.now() - started });
    });
    socket.on('connect', () => {
      socket.write(head);
      if (!gapMs) return void socket.write(body);
      let sent = 0;
      timer = setInterval(() => {
        if (sent < body.length && socket.writable) socket.write(body[sent++]);
      }, gapMs);
    });
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in 10 s; got: ${text.slice(0, 200)}`));
    }, 10_000).unref();
  });
}

describe('the HTTP server as a client reaches it', () => {
  const config = testConfig();
  let api: ApiProcess;
  let token: string;
  beforeAll(async () => {
    api = await startApiProcess(config, { REQUEST_TIMEOUT_MS: '2000' });
    const res = await fetch(`${api.base}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'logs@example.test', password: 'a-long-enough-password', displayName: 'Logs' }),
    });
    token = ((await res.json()) as { tokens: { accessToken: string } }).tokens.accessToken;
  });
  afterAll(async () => {
    await api.stop();
    await removeTestData(config);
  });

  it('accepts only the literal ?access_token= on the stream and never logs a token, however its name is escaped', async () => {
    const abort = new AbortController();
    const escaped = await fetch(`${api.base}/v1/feed/stream?acc%65ss_token=${token}`, {
      headers: { 'x-request-id': 'escaped-name' },
      signal: abort.signal,
    });
    expect(escaped.status).toBe(401);
    abort.abort();

    const literal = new AbortController();
    const ok = await fetch(`${api.base}/v1/feed/stream?access_token=${token}`, { signal: literal.signal });
    expect(ok.status).toBe(200);
    literal.abort();

    await eventually(() => api.stdout().includes('"escaped-name"'));
    const signature = token.split('.')[2];
    expect(api.stdout()).not.toContain(signature);
  });

  it('cuts off a request whose body trickles in, with a 408 problem document, after the configured 2 s', async () => {
    const head = 'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n';
    const { text, ms } = await rawExchange(api.port, head, '{"email":"a@b.c","password":"'.padEnd(200, 'x'), 500);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    expect(text).toContain('"status":408');
    expect(ms).toBeLessThan(5000);
  });

  it('answers headers that are too large with a 431 problem document', async () => {
    const head = `GET /v1/topics HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    const { text } = await rawExchange(api.port, head);
    expect(text).toMatch(/^HTTP\/1\.1 431/);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    expect(text).toMatch(/x-content-type-options: nosniff/i);
    expect(text).toContain('"status":431');
  });

  it('keeps a short safe x-request-id and replaces a long or unsafe one', async () => {
    const keep = await fetch(`${api.base}/health/live`, { headers: { 'x-request-id': 'Trace.42_a-b' } });
    expect(keep.headers.get('x-request-id')).toBe('Trace.42_a-b');
    for (const bad of ['x'.repeat(65), 'has space', 'quote"here', 'new\tline', '{"json":1}']) {
      const res = await fetch(`${api.base}/health/live`, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers a malformed URL path as a problem document with the security headers', async () => {
    const { text } = await rawExchange(api.port, 'GET /v1/topics/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    expect(text).toMatch(/x-content-type-options: nosniff/i);
  });
});

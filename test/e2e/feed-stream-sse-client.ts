import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from '../support/test-app';

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** A minimal Server-Sent Events reader over plain http.get, recording events and comments as they come. */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  ended = false;
  private buffer = '';

  private constructor(
    private readonly request: http.ClientRequest,
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    response: http.IncomingMessage,
  ) {
    response.setEncoding('utf8');
    response.on('data', (text: string) => this.feed(text));
    response.on('end', () => (this.ended = true));
    response.on('close', () => (this.ended = true));
  }

  /** Opens the stream; resolves once the response headers arrived (the stream is then live). */
  static open(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const request = http.get(`${baseUrl}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (response) =>
        resolve(new SseClient(request, response.statusCode ?? 0, response.headers, response)),
      );
      request.on('error', reject);
    });
  }

  articleEvents(): { id: string; articleId: string; publishedAt: string }[] {
    return this.events
      .filter((e) => e.event === 'article')
      .map((e) => ({ id: e.id!, ...(JSON.parse(e.data!) as { articleId: string; publishedAt: string }) }));
  }

  articleIds(): string[] {
    return this.articleEvents().map((e) => e.articleId);
  }

  /** Waits until `check` holds over what has arrived; fails after `timeoutMs`. */
  async waitFor(check: (client: SseClient) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      if (Date.now() > deadline) {
        throw new Error(`stream condition not met within ${timeoutMs} ms; events so far: ${JSON.stringify(this.events)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.request.destroy();
  }

  private feed(text: string): void {
    this.buffer += text;
    let at: number;
    while ((at = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 2);
      const event: SseEvent = {};
      let isEvent = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments.push(line.slice(1).trim());
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id' || field === 'event') event[field] = value;
        else if (field === 'data') event.data = event.data === undefined ? value : `${event.data}\n${value}`;
        else continue;
        isEvent = true;
      }
      if (isEvent && event.data !== undefined) this.events.push(event);
    }
  }
}

/** Starts listening on a free loopback port (the streams need a real socket) and answers its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

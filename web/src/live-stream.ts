import { accessToken } from './session.js';

export interface LiveHandlers {
  article: (data: { articleId: string; publishedAt: string }) => void;
  alert: (data: { alertId: string; articleId: string }) => void;
  /** Each time a stream opens: the server subscribes before it answers, so what happened before is readable now. */
  opened: () => void;
}

/**
 * GET /v1/feed/stream through EventSource (which cannot send headers, hence ?access_token=).
 * The server ends a stream when its token expires; it is reopened with the current token,
 * resuming after the last event seen.
 */
export class LiveStream {
  private source: EventSource | null = null;
  private lastEventId: string | null = null;
  private retryMs = 1000;
  private timer: number | undefined;
  private stopped = true;

  constructor(private readonly handlers: LiveHandlers) {}

  start(): void {
    this.stopped = false;
    void this.open();
  }

  /** After a token refresh: the old stream would end at the old token's expiry. */
  restart(): void {
    if (!this.stopped) void this.open();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }

  private async open(): Promise<void> {
    window.clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
    const token = await accessToken().catch(() => null);
    if (this.stopped || !token) return;
    const query = new URLSearchParams({ access_token: token });
    if (this.lastEventId) query.set('lastEventId', this.lastEventId);
    const source = new EventSource(`/v1/feed/stream?${query}`);
    this.source = source;
    source.addEventListener('open', () => {
      this.retryMs = 1000;
      this.handlers.opened();
    });
    source.addEventListener('article', (event) => this.receive(event as MessageEvent<string>, this.handlers.article));
    source.addEventListener('alert', (event) => this.receive(event as MessageEvent<string>, this.handlers.alert));
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED || this.source !== source || this.stopped) return;
      this.timer = window.setTimeout(() => void this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 30_000);
    });
  }

  private receive<T>(event: MessageEvent<string>, handle: (data: T) => void): void {
    if (event.lastEventId) this.lastEventId = event.lastEventId;
    try {
      handle(JSON.parse(event.data) as T);
    } catch (error) {
      console.warn('unreadable stream event', error);
    }
  }
}

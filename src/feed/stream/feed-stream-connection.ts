import type { ServerResponse } from 'node:http';
import type { AlertEvent } from './alert-event-message';
import type { FeedStreamEvent } from './feed-event-audience';
import { SeenArticles } from './seen-articles';

// A client this far behind is cut off rather than buffered without bound; it reconnects and resumes.
const MAX_BUFFERED_BYTES = 256 * 1024;
const RECONNECT_AFTER_MS = 3000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface StreamTiming {
  heartbeatMs: number;
  /** When the access token expires: the stream ends then, so a client reconnects with a fresh one. */
  endAtMs?: number;
}

/**
 * One reader's open stream, written straight to the raw response. Until start() it buffers live
 * events (the backlog is being read); afterwards it drops articles the reader's feed already held.
 */
export class FeedStreamConnection {
  private seen: SeenArticles | null = null;
  private pending: FeedStreamEvent[] = [];
  private pendingAlerts: AlertEvent[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly endListeners: (() => void)[] = [];
  private started = false;
  private ended = false;

  constructor(
    readonly userId: string,
    private readonly res: ServerResponse,
  ) {
    res.on('close', () => this.end());
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  whenEnded(listener: () => void): void {
    if (this.ended) listener();
    else this.endListeners.push(listener);
  }

  /** Headers, then the backlog (oldest first), then what arrived meanwhile; from here on it is live. */
  start(backlog: FeedStreamEvent[], known: number[], timing: StreamTiming): void {
    if (this.ended) return;
    this.started = true;
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
    this.seen = new SeenArticles(known);
    this.write(`retry: ${RECONNECT_AFTER_MS}\n\n`);
    for (const event of backlog) this.send(event);
    const pending = this.pending;
    this.pending = [];
    for (const event of pending) this.offer(event);
    for (const alert of this.pendingAlerts.splice(0)) this.offerAlert(alert);
    this.timers.push(setInterval(() => this.write(': ping\n\n'), timing.heartbeatMs));
    if (timing.endAtMs !== undefined) {
      this.timers.push(setTimeout(() => this.end(), Math.min(MAX_TIMER_MS, Math.max(0, timing.endAtMs - Date.now()))));
    }
  }

  offer(event: FeedStreamEvent): void {
    if (this.ended) return;
    if (!this.seen) this.pending.push(event);
    else if (!this.seen.has(Number(event.articleId))) this.send(event);
  }

  /** Alerts carry no event id: Last-Event-ID stays the feed position (alerts are listed, not replayed). */
  offerAlert(alert: AlertEvent): void {
    if (this.ended) return;
    if (!this.seen) {
      this.pendingAlerts.push(alert);
      return;
    }
    const data = JSON.stringify({ alertId: alert.alertId, articleId: alert.articleId, reason: alert.reason });
    this.write(`event: alert\ndata: ${data}\n\n`);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.pending = [];
    this.pendingAlerts = [];
    for (const timer of this.timers) clearTimeout(timer);
    if (this.started && !this.res.writableEnded) this.res.end();
    for (const listener of this.endListeners.splice(0)) listener();
  }

  private send(event: FeedStreamEvent): void {
    this.seen!.add(Number(event.articleId));
    const data = JSON.stringify({ articleId: event.articleId, publishedAt: event.publishedAt });
    this.write(`id: ${event.id}\nevent: article\ndata: ${data}\n\n`);
  }

  private write(chunk: string): void {
    if (this.ended) return;
    if (this.res.writableLength > MAX_BUFFERED_BYTES) return this.end();
    this.res.write(chunk);
  }
}

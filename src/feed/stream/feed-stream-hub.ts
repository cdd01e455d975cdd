import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppError } from '../../infra/http/app-error';
import type { AlertEvent } from './alert-event-message';
import { FeedKeys } from '../feed-keys';
import { FeedEventAudience } from './feed-event-audience';
import type { FeedEventMessage } from './feed-event-message';
import { FeedEventSubscriber } from './feed-event-subscriber';
import type { FeedStreamConnection } from './feed-stream-connection';

/** The streams this process holds, by reader, and the routing of chunk messages to them. */
@Injectable()
export class FeedStreamHub implements BeforeApplicationShutdown {
  private readonly logger = new Logger(FeedStreamHub.name);
  private readonly byUser = new Map<string, Set<FeedStreamConnection>>();
  private closing = false;

  constructor(
    private readonly subscriber: FeedEventSubscriber,
    private readonly audience: FeedEventAudience,
    private readonly feedKeys: FeedKeys,
  ) {
    subscriber.onMessage((message) => {
      this.route(message).catch((err: Error) => this.logger.warn(`feed event for article ${message.articleId}: ${err.message}`));
    });
    subscriber.onAlerts((alerts) => this.routeAlerts(alerts));
  }

  /** Registers the stream and resolves once its bucket's events reach this process. */
  async join(connection: FeedStreamConnection): Promise<void> {
    if (this.closing) throw new AppError(503, 'DEPENDENCY_UNAVAILABLE', 'The service is shutting down; reconnect shortly.');
    const { userId } = connection;
    const streams = this.byUser.get(userId) ?? new Set();
    streams.add(connection);
    this.byUser.set(userId, streams);
    const bucket = this.feedKeys.bucketOf(userId);
    connection.whenEnded(() => {
      streams.delete(connection);
      if (!streams.size && this.byUser.get(userId) === streams) this.byUser.delete(userId);
      this.subscriber.release(bucket);
    });
    await this.subscriber.acquire(bucket);
  }

  get openStreams(): number {
    let n = 0;
    for (const streams of this.byUser.values()) n += streams.size;
    return n;
  }

  /** app.close() would otherwise wait for every open stream: end them, then drop the subscriber. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const streams of [...this.byUser.values()]) for (const connection of [...streams]) connection.end();
    await this.subscriber.close();
  }

  private async route(message: FeedEventMessage): Promise<void> {
    const present = message.userIds.filter((id) => this.byUser.has(id));
    if (!present.length) return;
    const audience = await this.audience.resolve(message.articleId, present);
    if (!audience) return;
    for (const userId of audience.userIds) {
      for (const connection of this.byUser.get(userId) ?? []) connection.offer(audience.event);
    }
  }

  /** Alerts were made for their readers already (muted topics and words honoured then): no audience check. */
  private routeAlerts(alerts: AlertEvent[]): void {
    for (const alert of alerts) for (const connection of this.byUser.get(alert.userId) ?? []) connection.offerAlert(alert);
  }
}

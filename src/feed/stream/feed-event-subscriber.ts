import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../infra/config/app-config';
import { createRedisClient, isCluster, type RedisClient } from '../../infra/redis/redis';
import { FeedEventChannels } from './feed-event-channels';
import { AlertEvent, decodeAlertEvents } from './alert-event-message';
import { decodeFeedEvent, FeedEventMessage } from './feed-event-message';

/**
 * This process's one subscriber connection, opened when the first stream opens and closed when
 * the last one closes, so a process without streams holds no connection and receives nothing.
 * It listens only to the buckets of the readers it holds (counted per bucket).
 */
@Injectable()
export class FeedEventSubscriber {
  private readonly logger = new Logger(FeedEventSubscriber.name);
  private client: RedisClient | null = null;
  private readonly readers = new Map<number, number>();
  private readonly subscribed = new Map<number, Promise<unknown>>();
  private quitting: Promise<unknown> = Promise.resolve();
  private handler: (message: FeedEventMessage) => void = () => {};
  private alertHandler: (alerts: AlertEvent[]) => void = () => {};

  constructor(
    private readonly config: AppConfig,
    private readonly channels: FeedEventChannels,
  ) {}

  onMessage(handler: (message: FeedEventMessage) => void): void {
    this.handler = handler;
  }

  onAlerts(handler: (alerts: AlertEvent[]) => void): void {
    this.alertHandler = handler;
  }

  /** Resolves once this bucket's channel is subscribed; pair every call with release(). */
  async acquire(bucket: number): Promise<void> {
    this.readers.set(bucket, (this.readers.get(bucket) ?? 0) + 1);
    const client = (this.client ??= this.connect());
    let pending = this.subscribed.get(bucket);
    if (!pending) {
      const channel = this.channels.forBucket(bucket);
      pending = isCluster(client) ? client.ssubscribe(channel) : client.subscribe(channel);
      this.subscribed.set(bucket, pending);
    }
    await pending;
  }

  release(bucket: number): void {
    const left = (this.readers.get(bucket) ?? 0) - 1;
    if (left > 0) {
      this.readers.set(bucket, left);
      return;
    }
    this.readers.delete(bucket);
    this.subscribed.delete(bucket);
    if (!this.readers.size) {
      // close() never rejects: a failed QUIT falls back to disconnect().
      void this.close();
      return;
    }
    // Commands on one connection run in order, so a later acquire's SUBSCRIBE wins over this.
    const client = this.client;
    if (!client) return;
    const channel = this.channels.forBucket(bucket);
    (isCluster(client) ? client.sunsubscribe(channel) : client.unsubscribe(channel)).catch(() => undefined);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.subscribed.clear();
    if (client) this.quitting = client.quit().catch(() => client.disconnect());
    await this.quitting;
  }

  get connected(): boolean {
    return this.client !== null;
  }

  private connect(): RedisClient {
    // On a cluster: one subscriber connection per master, each holding the sharded channels of its slots.
    const client = createRedisClient(this.config, {}, { cluster: { shardedSubscribers: true } });
    const deliver = (_channel: string, raw: string) => {
      const message = decodeFeedEvent(raw);
      if (message) return this.handler(message);
      const alerts = decodeAlertEvents(raw);
      if (alerts) this.alertHandler(alerts);
    };
    client.on(isCluster(client) ? 'smessage' : 'message', deliver);
    client.on('error', (err: Error) => this.logger.warn(`feed event subscriber: ${err.message}`));
    return client;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { RedisClient } from '../../infra/redis/redis';
import { REDIS } from '../../infra/redis/redis.module';
import { FeedKeys } from '../feed-keys';
import { AlertEvent, encodeAlertEvents } from './alert-event-message';
import { FeedEventChannels } from './feed-event-channels';

/** The alert workers' side of live updates: one message per bucket on the same channels as article events. */
@Injectable()
export class AlertEventsPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    private readonly channels: FeedEventChannels,
    private readonly feedKeys: FeedKeys,
  ) {}

  async publish(alerts: AlertEvent[]): Promise<void> {
    const byBucket = new Map<number, AlertEvent[]>();
    for (const alert of alerts) {
      const bucket = this.feedKeys.bucketOf(alert.userId);
      byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), alert]);
    }
    await Promise.all([...byBucket].map(([bucket, list]) => this.channels.publish(this.redis, bucket, encodeAlertEvents(list))));
  }
}

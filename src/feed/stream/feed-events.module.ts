import { Module } from '@nestjs/common';
import { FeedEventChannels } from './feed-event-channels';
import { FeedEventsPublisher } from './feed-events.publisher';

/** Live-update channels and their publisher, for the fan-out workers and the API's streams alike. */
@Module({
  providers: [FeedEventChannels, FeedEventsPublisher],
  exports: [FeedEventChannels, FeedEventsPublisher],
})
export class FeedEventsModule {}

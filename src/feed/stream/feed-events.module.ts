import { Module } from '@nestjs/common';
import { FeedEventChannels } from './feed-event-channels';
import { FeedEventAnnouncements } from './feed-event-announcements';

/** Live-update channels and the chunk announcements sent on them, for the fan-out workers and the API's streams alike. */
@Module({
  providers: [FeedEventChannels, FeedEventAnnouncements],
  exports: [FeedEventChannels, FeedEventAnnouncements],
})
export class FeedEventsModule {}

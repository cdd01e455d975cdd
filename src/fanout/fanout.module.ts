import { Module } from '@nestjs/common';
import { ArticleEventsService } from './article-events.service';
import { FanoutOutboxRepository } from './fanout-outbox.repository';

@Module({
  providers: [ArticleEventsService, FanoutOutboxRepository],
  exports: [ArticleEventsService, FanoutOutboxRepository],
})
export class FanoutModule {}

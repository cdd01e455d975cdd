import { Module } from '@nestjs/common';
import { ArticleEventsService } from './article-events.service';

@Module({
  providers: [ArticleEventsService],
  exports: [ArticleEventsService],
})
export class FanoutModule {}

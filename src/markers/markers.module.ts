import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { FeedModule } from '../feed/feed.module';
import { FeedMarkersRepository } from './feed-markers.repository';
import { MarkersController } from './markers.controller';
import { MarkersService } from './markers.service';

@Module({
  imports: [FeedModule, ArticlesModule],
  controllers: [MarkersController],
  providers: [FeedMarkersRepository, MarkersService],
})
export class MarkersModule {}

import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { FeedModule } from '../feed/feed.module';
import { MarkersController } from './markers.controller';
import { MarkersDataModule } from './markers-data.module';
import { MarkersService } from './markers.service';

@Module({
  imports: [FeedModule, ArticlesModule, MarkersDataModule],
  controllers: [MarkersController],
  providers: [MarkersService],
})
export class MarkersModule {}

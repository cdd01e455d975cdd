import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { FeedMaintenanceService } from './feed-maintenance.service';
import { FeedSourceService } from './feed-source.service';
import { FeedStoreModule } from './feed-store.module';
import { FeedController } from './feed.controller';
import { FeedService } from './feed.service';

@Module({
  imports: [FeedStoreModule, ArticlesModule],
  controllers: [FeedController],
  providers: [FeedSourceService, FeedService, FeedMaintenanceService],
  exports: [FeedMaintenanceService],
})
export class FeedModule {}

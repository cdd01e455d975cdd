import { Module } from '@nestjs/common';
import { FeedMaintenanceService } from './feed-maintenance.service';

@Module({
  providers: [FeedMaintenanceService],
  exports: [FeedMaintenanceService],
})
export class FeedModule {}

import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { MutedWordsDataModule } from '../muted-words/muted-words-data.module';
import { TopicsModule } from '../topics/topics.module';
import { AlertSettingsService } from './alert-settings.service';
import { AlertsController } from './alerts.controller';
import { AlertsDataModule } from './alerts-data.module';
import { AlertsService } from './alerts.service';

@Module({
  imports: [AlertsDataModule, ArticlesModule, TopicsModule, MutedWordsDataModule],
  controllers: [AlertsController],
  providers: [AlertSettingsService, AlertsService],
})
export class AlertsModule {}

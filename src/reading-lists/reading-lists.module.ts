import { Module } from '@nestjs/common';
import { ArticlesDataModule } from '../articles/articles-data.module';
import { ArticlesModule } from '../articles/articles.module';
import { FeedModule } from '../feed/feed.module';
import { SignalsModule } from '../signals/signals.module';
import { HistoryListService } from './history-list.service';
import { HistoryController } from './history.controller';
import { SavedController } from './saved.controller';
import { SavedRepository } from './saved.repository';
import { SavedService } from './saved.service';

/** The reader's reading lists: saved stories and reading history (GET /v1/me/saved, /v1/me/history). */
@Module({
  imports: [ArticlesModule, ArticlesDataModule, SignalsModule, FeedModule],
  controllers: [SavedController, HistoryController],
  providers: [SavedRepository, SavedService, HistoryListService],
})
export class ReadingListsModule {}

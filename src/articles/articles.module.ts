import { Module } from '@nestjs/common';
import { FanoutModule } from '../fanout/fanout.module';
import { TopicsModule } from '../topics/topics.module';
import { ArticlesDataModule } from './articles-data.module';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { CardCacheService } from './card-cache.service';
import { StoryMembersService } from './story-members.service';
import { StoryArticlesController } from './story-articles.controller';
import { StoryArticlesService } from './story-articles.service';
import { TopicArticlesController } from './topic-articles.controller';
import { TopicArticlesService } from './topic-articles.service';
import { TopicResolver } from './topic-resolver';

@Module({
  imports: [ArticlesDataModule, TopicsModule, FanoutModule],
  controllers: [ArticlesController, TopicArticlesController, StoryArticlesController],
  providers: [ArticlesService, CardCacheService, StoryMembersService, TopicArticlesService, StoryArticlesService, TopicResolver],
  exports: [CardCacheService, StoryMembersService],
})
export class ArticlesModule {}

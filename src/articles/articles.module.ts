import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FanoutModule } from '../fanout/fanout.module';
import { Topic } from '../topics/topic.entity';
import { TopicsModule } from '../topics/topics.module';
import { ArticleQuery } from './article-query';
import { ArticleTopic } from './article-topic.entity';
import { Article } from './article.entity';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { CardCacheService } from './card-cache.service';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { TopicArticlesController } from './topic-articles.controller';
import { TopicArticlesService } from './topic-articles.service';
import { TopicResolver } from './topic-resolver';

@Module({
  imports: [TypeOrmModule.forFeature([Article, ArticleTopic, Topic]), TopicsModule, FanoutModule],
  controllers: [ArticlesController, TopicArticlesController],
  providers: [ArticlesService, ArticleQuery, CardCacheService, TopicArticlesService, TopicResolver, IdempotencyKeysRepository],
  exports: [CardCacheService],
})
export class ArticlesModule {}

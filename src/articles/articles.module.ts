import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FanoutModule } from '../fanout/fanout.module';
import { TopicsModule } from '../topics/topics.module';
import { ArticleTopic } from './article-topic.entity';
import { Article } from './article.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Article, ArticleTopic]), TopicsModule, FanoutModule],
})
export class ArticlesModule {}

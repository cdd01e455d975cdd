import { Module } from '@nestjs/common';
import { ArticlesRepository } from './articles.repository';

/** The articles and article_topics tables, with no feature dependencies: feeds, fan-out and signals read them. */
@Module({ providers: [ArticlesRepository], exports: [ArticlesRepository] })
export class ArticlesDataModule {}

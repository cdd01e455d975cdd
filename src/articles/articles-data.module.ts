import { Module } from '@nestjs/common';
import { ArticlesRepository } from './articles.repository';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';

/**
 * The articles, article_topics and idempotency_keys tables, with no feature dependencies: feeds, fan-out and
 * signals read them; the fan-out upkeep prunes expired idempotency keys.
 */
@Module({ providers: [ArticlesRepository, IdempotencyKeysRepository], exports: [ArticlesRepository, IdempotencyKeysRepository] })
export class ArticlesDataModule {}

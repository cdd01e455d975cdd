import { Module } from '@nestjs/common';
import { MutedWordsRepository } from './muted-words.repository';

/** The muted_words table, with no feature dependencies: the read path, alerts and the live stream read it. */
@Module({ providers: [MutedWordsRepository], exports: [MutedWordsRepository] })
export class MutedWordsDataModule {}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TopicLinksRepository } from './topic-links.repository';

/** The mutes table. Who a mute hides an article from is the feed rule's (feed-rules/), read through follows' queries. */
@Injectable()
export class MutesRepository extends TopicLinksRepository {
  protected readonly table = 'mutes';

  constructor(@InjectDataSource() db: DataSource) {
    super(db);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FeedMaintenanceService } from '../feed/feed-maintenance.service';
import { AppError } from '../infra/http/app-error';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { topicNotFound } from '../topics/topic-errors';
import type { TopicView } from '../topics/topic-view';
import { TopicsService } from '../topics/topics.service';
import { UsersRepository } from '../users/users.repository';
import { FollowsRepository } from './follows.repository';
import { lockLinkOwner } from './link-owner';
import { MAX_LINKS_PER_USER } from './topic-links.repository';

export interface FollowView {
  topic: TopicView;
  followedAt: string;
}

const followLimit = () =>
  new AppError(409, 'FOLLOW_LIMIT', `You already follow ${MAX_LINKS_PER_USER} topics; unfollow one before following another.`);

/** A reader's followed topics; follower_count moves in the same transaction as the follow row. */
@Injectable()
export class FollowsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly follows: FollowsRepository,
    private readonly users: UsersRepository,
    private readonly topics: TopicsService,
    private readonly feed: FeedMaintenanceService,
    private readonly readerStates: ReaderStateService,
  ) {}

  async list(userId: string): Promise<FollowView[]> {
    const links = await this.follows.list(userId);
    const views = await this.topics.viewsByIds(links.map((l) => l.topicId));
    return links.flatMap((l) => {
      const topic = views.get(l.topicId);
      return topic ? [{ topic, followedAt: l.createdAt.toISOString() }] : [];
    });
  }

  async follow(userId: string, slug: string): Promise<FollowView> {
    const topic = await this.topics.findBySlug(slug);
    if (!topic) throw topicNotFound();
    const { link, view } = await this.readerStates.changing(userId, () =>
      this.dataSource.transaction(async (manager) => {
        await lockLinkOwner(this.users, manager, userId);
        const link = await this.follows.insert(manager, userId, topic.id);
        if (link.count > MAX_LINKS_PER_USER) throw followLimit();
        if (link.changed) await this.follows.changeFollowerCount(manager, topic.id, 1);
        return { link, view: await this.topics.getViewById(topic.id, manager) };
      }),
    );
    // Also on a repeat: the backfill merge is idempotent, so a retried PUT repairs a failed one.
    await this.feed.onFollow(userId, topic.id);
    return { topic: view, followedAt: link.createdAt.toISOString() };
  }

  /** An unfollow needs no feed write: the feed rule drops the topic's articles the moment it commits. */
  async unfollow(userId: string, slug: string): Promise<void> {
    const topic = await this.topics.findBySlug(slug);
    if (!topic) throw topicNotFound();
    await this.readerStates.changing(userId, () =>
      this.dataSource.transaction(async (manager) => {
        const removed = await this.follows.delete(manager, userId, topic.id);
        if (removed) await this.follows.changeFollowerCount(manager, topic.id, -1);
      }),
    );
  }
}

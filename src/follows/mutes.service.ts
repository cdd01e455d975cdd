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
import { lockLinkOwner } from './link-owner';
import { MutesRepository } from './mutes.repository';
import { MAX_LINKS_PER_USER } from './topic-links.repository';

export interface MuteView {
  topic: TopicView;
  mutedAt: string;
}

const muteLimit = () => new AppError(409, 'MUTE_LIMIT', `You already mute ${MAX_LINKS_PER_USER} topics; unmute one before muting another.`);

/**
 * A reader's muted topics; whether a mute hides an article is the feed rule's decision. A mute needs no
 * feed write: the rule hides the topic's articles the moment it commits.
 */
@Injectable()
export class MutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mutes: MutesRepository,
    private readonly users: UsersRepository,
    private readonly topics: TopicsService,
    private readonly feed: FeedMaintenanceService,
    private readonly readerStates: ReaderStateService,
  ) {}

  async list(userId: string): Promise<MuteView[]> {
    const links = await this.mutes.list(userId);
    const views = await this.topics.viewsByIds(links.map((l) => l.topicId));
    return links.flatMap((l) => {
      const topic = views.get(l.topicId);
      return topic ? [{ topic, mutedAt: l.createdAt.toISOString() }] : [];
    });
  }

  async mute(userId: string, slug: string): Promise<MuteView> {
    const topic = await this.topics.findBySlug(slug);
    if (!topic) throw topicNotFound();
    const link = await this.readerStates.changing(userId, () =>
      this.dataSource.transaction(async (manager) => {
        await lockLinkOwner(this.users, manager, userId);
        const link = await this.mutes.insert(manager, userId, topic.id);
        if (link.count > MAX_LINKS_PER_USER) throw muteLimit();
        return link;
      }),
    );
    return { topic: await this.topics.getViewById(topic.id), mutedAt: link.createdAt.toISOString() };
  }

  async unmute(userId: string, slug: string): Promise<void> {
    const topic = await this.topics.findBySlug(slug);
    if (!topic) throw topicNotFound();
    const removed = await this.readerStates.changing(userId, () =>
      this.dataSource.transaction((manager) => this.mutes.delete(manager, userId, topic.id)),
    );
    if (removed) await this.feed.onUnmute(userId, topic.id);
  }
}

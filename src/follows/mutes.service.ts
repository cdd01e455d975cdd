import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FeedMaintenanceService } from '../feed/feed-maintenance.service';
import { AppError } from '../infra/http/app-error';
import { topicNotFound } from '../topics/topic-errors';
import type { TopicView } from '../topics/topic-view';
import { TopicsService } from '../topics/topics.service';
import { deleteLink, insertLink, listLinks, MAX_LINKS_PER_USER } from './topic-links';

export interface MuteView {
  topic: TopicView;
  mutedAt: string;
}

const muteLimit = () => new AppError(409, 'MUTE_LIMIT', `You already mute ${MAX_LINKS_PER_USER} topics; unmute one before muting another.`);

/** A reader's muted topics; whether a mute hides an article is the feed's decision. */
@Injectable()
export class MutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly topics: TopicsService,
    private readonly feed: FeedMaintenanceService,
  ) {}

  async list(userId: string): Promise<MuteView[]> {
    const links = await listLinks(this.dataSource, 'mutes', userId);
    const views = await this.topics.viewsByIds(links.map((l) => l.topicId));
    return links.flatMap((l) => {
      const topic = views.get(l.topicId);
      return topic ? [{ topic, mutedAt: l.createdAt.toISOString() }] : [];
    });
  }

  async mute(userId: string, slug: string): Promise<MuteView> {
    const topic = await this.topics.findBySlug(slug);
    if (!topic) throw topicNotFound();
    const link = await this.dataSource.transaction((manager) => insertLink(manager, 'mutes', userId, topic.id, muteLimit));
    if (link.changed) await this.feed.onMute(userId, topic.id);
    return { topic: await this.topics.getViewById(topic.id), mutedAt: link.createdAt.toISOString() };
  }

  async unmute(userId: string, slug: string): Promise<void> {
    const topic = await this.topics.findBySlug(slug);
    if (!topic) throw topicNotFound();
    const removed = await this.dataSource.transaction((manager) => deleteLink(manager, 'mutes', userId, topic.id));
    if (removed) await this.feed.onUnmute(userId, topic.id);
  }
}

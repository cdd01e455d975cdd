import { Injectable } from '@nestjs/common';
import { AppError, notFound } from '../infra/http/app-error';
import type { Topic } from '../topics/topic.entity';
import { TopicsRepository } from '../topics/topics.repository';

export const topicNotFound = (): AppError => notFound('TOPIC_NOT_FOUND', 'The topic');

/** Topic slugs to topics, for this feature's own queries (the topics feature owns their editing). */
@Injectable()
export class TopicResolver {
  constructor(private readonly topics: TopicsRepository) {}

  /** The topics of these slugs in the order given, duplicates collapsed; any unknown slug is a 400 naming it. */
  async resolve(slugs: string[]): Promise<Topic[]> {
    const unique = [...new Set(slugs)];
    const found = await this.topics.findBySlugs(unique);
    const bySlug = new Map(found.map((t) => [t.slug, t]));
    const unknown = unique.filter((slug) => !bySlug.has(slug));
    if (unknown.length) {
      const message = `names unknown ${unknown.length === 1 ? 'topic' : 'topics'}: ${unknown.join(', ')}`;
      throw new AppError(400, 'VALIDATION_FAILED', `topicSlugs ${message}`, [{ field: 'topicSlugs', message }]);
    }
    return unique.map((slug) => bySlug.get(slug)!);
  }

  async bySlug(slug: string): Promise<Topic> {
    const topic = await this.topics.findBySlug(slug);
    if (!topic) throw topicNotFound();
    return topic;
  }
}

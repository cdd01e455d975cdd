import type { Topic } from './topic.entity';

export interface TopicView {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  parentSlug: string | null;
  followerCount: number;
}

type TopicFields = Pick<Topic, 'id' | 'slug' | 'name' | 'description' | 'followerCount'>;

/** The contract's `topic`; the entity stores the parent by id, so its slug is passed in. */
export const toTopicView = (topic: TopicFields, parentSlug: string | null): TopicView => ({
  id: String(topic.id),
  slug: topic.slug,
  name: topic.name,
  description: topic.description,
  parentSlug,
  followerCount: Number(topic.followerCount),
});

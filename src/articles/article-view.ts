import type { Article, ArticlePriority, ArticleStatus } from './article.entity';

export interface TopicRef {
  slug: string;
  name: string;
}

export interface CardView {
  id: string;
  slug: string;
  headline: string;
  summary: string[];
  imageUrl: string | null;
  imageCaption: string | null;
  authors: string[];
  topics: TopicRef[];
  priority: ArticlePriority;
  storyKey: string | null;
  publishedAt: string;
  updatedAt: string;
}

export interface ArticleView extends CardView {
  body: string;
  status: ArticleStatus;
}

type CardFields = Pick<
  Article,
  'id' | 'slug' | 'headline' | 'summary' | 'imageUrl' | 'imageCaption' | 'authors' | 'priority' | 'storyKey' | 'publishedAt' | 'updatedAt'
>;

const topicRefs = (topics: TopicRef[]): TopicRef[] => topics.map((t) => ({ slug: t.slug, name: t.name }));

/** The contract's `article`, its topics in the article's order. */
export const toArticleView = (a: Article, topics: TopicRef[]): ArticleView => ({
  id: String(a.id),
  slug: a.slug,
  headline: a.headline,
  summary: a.summary,
  body: a.body,
  imageUrl: a.imageUrl,
  imageCaption: a.imageCaption,
  authors: a.authors,
  topics: topicRefs(topics),
  status: a.status,
  priority: a.priority,
  storyKey: a.storyKey,
  publishedAt: a.publishedAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

/** The contract's `card`: the article without body and status. */
export const toCardView = (a: CardFields, topics: TopicRef[]): CardView => ({
  id: String(a.id),
  slug: a.slug,
  headline: a.headline,
  summary: a.summary,
  imageUrl: a.imageUrl,
  imageCaption: a.imageCaption,
  authors: a.authors,
  topics: topicRefs(topics),
  priority: a.priority,
  storyKey: a.storyKey,
  publishedAt: a.publishedAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

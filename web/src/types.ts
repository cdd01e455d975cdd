// The /v1 shapes the reader uses (see docs/api.md).
export interface TopicRef {
  slug: string;
  name: string;
}
export interface Topic extends TopicRef {
  id: string;
  description: string | null;
  parentSlug: string | null;
  followerCount: number;
}
export interface Card {
  id: string;
  slug: string;
  headline: string;
  summary: string[];
  authors: string[];
  topics: TopicRef[];
  priority: 'normal' | 'breaking';
  publishedAt: string;
  storyKey: string | null;
}
export interface Article extends Card {
  body: string;
}
export interface Story {
  key: string;
  count: number;
  related: Card[];
}
export interface FeedItem {
  article: Card;
  reasons: { type: 'topic'; topic: TopicRef }[];
  story?: Story | null;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface FeedPage extends Page<FeedItem> {
  state: 'ready' | 'rebuilding';
}
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}
export interface Alert {
  id: string;
  article: Card;
  reason: { type: 'breaking' | 'topic'; topic?: TopicRef | null };
  createdAt: string;
  read: boolean;
}
export type FeedMode = 'ranked' | 'latest';

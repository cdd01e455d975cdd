import { publishedAndDue } from '../feed-rules/feed-rule';
import type { User } from '../users/user.entity';
import type { Article } from './article.entity';

/** Is the article out for everyone: published and its time has come. */
export const isPubliclyVisible = (a: Pick<Article, 'status' | 'publishedAt'>, now: Date): boolean =>
  publishedAndDue.holds({ status: a.status, publishedAtMs: a.publishedAt.getTime() }, now.getTime());

/** Drafts, scheduled and retracted articles are for editors only. */
export const canSee = (a: Pick<Article, 'status' | 'publishedAt'>, viewer: Pick<User, 'role'> | undefined, now: Date): boolean =>
  isPubliclyVisible(a, now) || viewer?.role === 'editor' || viewer?.role === 'admin';

import { validationFailed } from '../infra/http/app-error';
import { articleRetracted } from './article-errors';
import type { ArticlePriority, ArticleStatus } from './article.entity';

/** The editable state of an article, topics as ids in display order. */
export interface ArticleState {
  headline: string;
  body: string;
  summary: string[];
  imageUrl: string | null;
  imageCaption: string | null;
  authors: string[];
  status: ArticleStatus;
  priority: ArticlePriority;
  publishedAt: Date;
  storyKey: string | null;
  topicIds: string[];
}

/** What a POST or PATCH asked for; a field left out is undefined. */
export type ArticleChanges = Partial<ArticleState>;

export interface UpdatePlan {
  next: ArticleState;
  changed: boolean;
  wasPublished: boolean;
  isPublished: boolean;
}

/** A new article: POST's defaults filled in. */
export function newArticleState(changes: ArticleChanges & Pick<ArticleState, 'headline' | 'body' | 'topicIds'>, now: Date): ArticleState {
  return {
    headline: changes.headline,
    body: changes.body,
    summary: changes.summary ?? [],
    imageUrl: changes.imageUrl ?? null,
    imageCaption: changes.imageCaption ?? null,
    authors: changes.authors ?? [],
    status: changes.status ?? 'published',
    priority: changes.priority ?? 'normal',
    publishedAt: changes.publishedAt ?? now,
    storyKey: changes.storyKey ?? null,
    topicIds: changes.topicIds,
  };
}

function nextStatus(current: ArticleStatus, wanted: ArticleStatus | undefined): ArticleStatus {
  if (wanted === undefined || wanted === current) return current;
  if (current === 'draft' && wanted === 'published') return wanted;
  throw validationFailed('status', `cannot change from ${current} to ${wanted}; only a draft can be published (retract with DELETE)`);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Applies PATCH rules (also used by a POST that updates by externalId): fields left out keep
 * their values; a draft may be published, no other status change is allowed; a retracted
 * article is frozen.
 */
export function planUpdate(current: ArticleState, changes: ArticleChanges, now: Date): UpdatePlan {
  if (current.status === 'retracted') throw articleRetracted();
  const status = nextStatus(current.status, changes.status);
  const publishing = current.status === 'draft' && status === 'published';
  // Publishing a draft without a date puts it out now, not at the (past) time the draft was written.
  const publishedAt = changes.publishedAt ?? (publishing && current.publishedAt < now ? now : current.publishedAt);
  const next: ArticleState = {
    headline: changes.headline ?? current.headline,
    body: changes.body ?? current.body,
    summary: changes.summary ?? current.summary,
    imageUrl: changes.imageUrl === undefined ? current.imageUrl : changes.imageUrl,
    imageCaption: changes.imageCaption === undefined ? current.imageCaption : changes.imageCaption,
    authors: changes.authors ?? current.authors,
    status,
    priority: changes.priority ?? current.priority,
    publishedAt,
    storyKey: changes.storyKey === undefined ? current.storyKey : changes.storyKey,
    topicIds: changes.topicIds ?? current.topicIds,
  };
  const changed =
    next.headline !== current.headline ||
    next.body !== current.body ||
    !sameList(next.summary, current.summary) ||
    next.imageUrl !== current.imageUrl ||
    next.imageCaption !== current.imageCaption ||
    !sameList(next.authors, current.authors) ||
    next.status !== current.status ||
    next.priority !== current.priority ||
    next.publishedAt.getTime() !== current.publishedAt.getTime() ||
    next.storyKey !== current.storyKey ||
    !sameList(next.topicIds, current.topicIds);
  return {
    next,
    changed,
    wasPublished: current.status === 'published',
    isPublished: status === 'published',
  };
}

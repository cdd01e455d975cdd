import type { ArticlePriority, ArticleStatus } from './article.entity';
import type { CardView } from './article-view';

/** A card as the cache hands it out: the card JSON ready to splice, and what feeds filter on. */
export interface CachedCard {
  cardJson: string;
  topicIds: string[];
  status: ArticleStatus;
  publishedAtMs: number;
  priority: ArticlePriority;
  storyKey: string | null;
}

interface EnvelopeHead {
  topicIds: string[];
  status: ArticleStatus;
  publishedAtMs: number;
  priority: ArticlePriority;
  storyKey: string | null;
}

const CARD_KEY = ',"card":';

/** A head of this code's envelopes: storyKey present, a string or null. */
export const hasStoryKey = (head: object): boolean => {
  const key = (head as { storyKey?: unknown }).storyKey;
  return key === null || typeof key === 'string';
};

/**
 * The stored value is the JSON object {topicIds, status, publishedAtMs, priority, card} with
 * `card` written last, so a read parses only the small head and slices the card out unparsed.
 */
export function encodeEnvelope(head: EnvelopeHead, card: CardView): { value: string; cached: CachedCard } {
  const cardJson = JSON.stringify(card);
  const headJson = JSON.stringify({
    topicIds: head.topicIds,
    status: head.status,
    publishedAtMs: head.publishedAtMs,
    priority: head.priority,
    storyKey: head.storyKey,
  });
  return { value: `${headJson.slice(0, -1)}${CARD_KEY}${cardJson}}`, cached: { ...head, cardJson } };
}

/**
 * Null for anything that is not an envelope this code wrote (then the entry is reloaded): also one written
 * before cards carried storyKey, so such a card never shows without it.
 */
export function decodeEnvelope(value: string): CachedCard | null {
  const at = value.indexOf(CARD_KEY);
  if (at < 0 || !value.endsWith('}')) return null;
  try {
    const head = JSON.parse(`${value.slice(0, at)}}`) as EnvelopeHead;
    if (!Array.isArray(head.topicIds) || typeof head.publishedAtMs !== 'number' || typeof head.status !== 'string') return null;
    if (!hasStoryKey(head)) return null;
    return {
      cardJson: value.slice(at + CARD_KEY.length, -1),
      topicIds: head.topicIds,
      status: head.status,
      publishedAtMs: head.publishedAtMs,
      priority: head.priority,
      storyKey: head.storyKey,
    };
  } catch {
    return null;
  }
}

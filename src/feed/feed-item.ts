import type { CachedCard } from '../articles/card-envelope';

export interface FeedItem {
  article: Record<string, unknown>;
  reasons: { type: 'topic'; topic: { slug: string; name: string } }[];
  /** The running story the item stands for (docs/feed.md, "Stories"); null for an article without one. */
  story: { key: string; count: number; related: Record<string, unknown>[] } | null;
}

/** A story as an item carries it: the related cards as stored. */
export interface ItemStory {
  key: string;
  count: number;
  related: CachedCard[];
}

type TopicRef = { slug: string; name: string };

// The card view writes `topics` right before `priority` (article-view.ts), so the topics can be read without the rest.
const TOPICS_AT = '"topics":';
const TOPICS_END = ',"priority":';

// Cards come from a per-version memo (decoded-cards.ts), so a card's topics are read once per version.
const topicsOf = new WeakMap<CachedCard, TopicRef[]>();

function cardTopics(card: CachedCard): TopicRef[] {
  let topics = topicsOf.get(card);
  if (!topics) topicsOf.set(card, (topics = parseTopics(card.cardJson)));
  return topics;
}

function parseTopics(cardJson: string): TopicRef[] {
  const from = cardJson.indexOf(TOPICS_AT);
  const to = from < 0 ? -1 : cardJson.indexOf(TOPICS_END, from);
  if (to < 0) return (JSON.parse(cardJson) as { topics: TopicRef[] }).topics;
  return JSON.parse(cardJson.slice(from + TOPICS_AT.length, to)) as TopicRef[];
}

/** Why the reader sees the card: its topics they follow, in the card's order. */
function reasonsOf(card: CachedCard, follows: ReadonlySet<string>): FeedItem['reasons'] {
  return cardTopics(card)
    .filter((_, i) => follows.has(card.topicIds[i]))
    .map((topic) => ({ type: 'topic' as const, topic: { slug: topic.slug, name: topic.name } }));
}

export function toFeedItem(card: CachedCard, follows: ReadonlySet<string>, story: ItemStory | null = null): FeedItem {
  return {
    article: JSON.parse(card.cardJson) as Record<string, unknown>,
    reasons: reasonsOf(card, follows),
    story: story && {
      key: story.key,
      count: story.count,
      related: story.related.map((c) => JSON.parse(c.cardJson) as Record<string, unknown>),
    },
  };
}

/** The same item as JSON text, the card spliced in as stored (never parsed and written again). */
export function feedItemJson(card: CachedCard, follows: ReadonlySet<string>, story: ItemStory | null = null): string {
  const storyJson = story
    ? `{"key":${JSON.stringify(story.key)},"count":${story.count},"related":[${story.related.map((c) => c.cardJson).join(',')}]}`
    : 'null';
  return `{"article":${card.cardJson},"reasons":${JSON.stringify(reasonsOf(card, follows))},"story":${storyJson}}`;
}

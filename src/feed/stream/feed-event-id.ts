/**
 * A stream event's id is the article's position in `latest` order: `<publishedAtMs>-<articleId>`.
 * Resuming after an id means "the feed items strictly newer than that position".
 */
export interface EventPosition {
  publishedAtMs: number;
  articleId: string;
}

export const EVENT_ID_PATTERN = /^(\d{1,15})-([1-9]\d{0,17})$/;

export const formatEventId = (p: EventPosition): string => `${p.publishedAtMs}-${p.articleId}`;

export function parseEventId(raw: string): EventPosition | null {
  const match = EVENT_ID_PATTERN.exec(raw);
  return match ? { publishedAtMs: Number(match[1]), articleId: match[2] } : null;
}

export function isNewer(item: EventPosition, than: EventPosition): boolean {
  if (item.publishedAtMs !== than.publishedAtMs) return item.publishedAtMs > than.publishedAtMs;
  return BigInt(item.articleId) > BigInt(than.articleId);
}

/**
 * What a fan-out chunk announces on its bucket's channel: one message per chunk, naming the
 * chunk's readers. API processes route it to the streams they hold (feed-stream-hub.ts).
 */
export interface FeedEventMessage {
  articleId: string;
  version: number;
  publishedAtSec: number;
  userIds: string[];
}

const ID = /^[1-9]\d{0,17}$/;

export function encodeFeedEvent(m: FeedEventMessage): string {
  return JSON.stringify({ a: m.articleId, v: m.version, t: m.publishedAtSec, u: m.userIds });
}

/** Null for anything that is not a well-formed message (another version of the service, a stray publish). */
export function decodeFeedEvent(raw: string): FeedEventMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { a, v, t, u } = value as Record<string, unknown>;
  if (typeof a !== 'string' || !ID.test(a) || !Number.isInteger(v) || !Number.isInteger(t)) return null;
  if (!Array.isArray(u) || !u.every((id) => typeof id === 'string' && ID.test(id))) return null;
  return { articleId: a, version: v as number, publishedAtSec: t as number, userIds: u as string[] };
}

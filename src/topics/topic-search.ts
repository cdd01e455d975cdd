import { SLUG_PATTERN } from '../infra/text/slugify';

export const SLUG_MAX_LENGTH = 80;

/** A slug the topics table could hold; anything else names no topic and needs no query. */
export const isPossibleSlug = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);

/** `q` as an ILIKE substring pattern: `%` and `_` (and the escape itself) match literally. */
export const substringPattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The keyset position of the topic list: the last slug of the page before. */
export interface TopicCursor {
  after: string;
}

export const isTopicCursor = (value: unknown): value is TopicCursor =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && isPossibleSlug((value as TopicCursor).after);

import type { CachedCard, CardCacheService } from '../articles/card-cache.service';
import { isListCursor } from '../articles/topic-articles.service';
import { decodeCursor, encodeCursor, Page } from '../infra/http/paging';

/** A position in a reader's list: the row's time to the microsecond and the article id. */
export interface ListPosition {
  t: string;
  id: string;
}

export const parseListCursor = (raw: string | undefined): ListPosition | undefined => decodeCursor(raw, isListCursor);

export interface ListRow {
  articleId: string;
  at: Date;
  position: string;
}

/**
 * Turns rows (limit + 1 read, to know whether more follow) into a page of `{article, <atField>}`.
 * A row whose card is no longer published (retracted since the query) is left out.
 */
export function toCardPage<F extends string>(
  rows: ListRow[],
  limit: number,
  cards: Map<string, CachedCard>,
  atField: F,
): Page<{ article: unknown } & Record<F, string>> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  const nextCursor = rows.length > limit ? encodeCursor({ t: last.position, id: last.articleId }) : null;
  const items = pageRows.flatMap((row) => {
    const card = cards.get(row.articleId);
    if (!card || card.status !== 'published') return [];
    return [{ article: JSON.parse(card.cardJson) as unknown, [atField]: row.at.toISOString() } as { article: unknown } & Record<F, string>];
  });
  return { items, nextCursor };
}

/** A reader's list page (saved, history): the rows' cards from the card cache, then toCardPage. */
export async function readCardPage<F extends string>(
  cards: CardCacheService,
  rows: ListRow[],
  limit: number,
  atField: F,
): Promise<Page<{ article: unknown } & Record<F, string>>> {
  return toCardPage(rows, limit, await cards.getMany(rows.slice(0, limit).map((r) => r.articleId)), atField);
}

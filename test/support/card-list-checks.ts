import type { HttpAnswer } from './http-client';

type CardPage = HttpAnswer<{ items: { id: string }[]; nextCursor: string | null }>;

/**
 * Reads a card list (topic articles, a story) `limit` cards a page to the end, checking each page's size and
 * that its `Link: rel="next"` (on `path`) carries the same cursor and limit; the ids seen and the pages read.
 */
export async function readEveryPage(
  get: (query: Record<string, string>) => Promise<CardPage>,
  path: string,
  limit: number,
): Promise<{ seen: string[]; pages: number }> {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: CardPage = await get(cursor ? { limit: String(limit), cursor } : { limit: String(limit) });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.items.map((c) => c.id));
    cursor = res.body.nextCursor;
    if (cursor) {
      const link = String(res.headers.link);
      expect(link.startsWith(`<${path}?`) && link.endsWith('>; rel="next"')).toBe(true);
      const next = new URL(link.slice(1, link.indexOf('>')), 'http://x');
      expect(next.searchParams.get('cursor')).toBe(cursor);
      expect(next.searchParams.get('limit')).toBe(String(limit));
    } else {
      expect(res.headers.link).toBeUndefined();
    }
    pages++;
  } while (cursor && pages < 10);
  return { seen, pages };
}

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Queries a card list refuses with a 400, and the field each one names. */
export const BAD_CARD_LIST_QUERIES: [Record<string, string>, string][] = [
  [{ limit: '0' }, 'limit'],
  [{ limit: '101' }, 'limit'],
  [{ limit: 'ten' }, 'limit'],
  [{ cursor: 'not-a-cursor' }, 'cursor'],
  [{ cursor: cursorOf({ t: '2026-02-30T00:00:00.000000Z', id: '1' }) }, 'cursor'],
  [{ cursor: cursorOf({ t: '2026-01-01T00:00:00.000000Z', id: 'x' }) }, 'cursor'],
  [{ sort: 'oldest' }, 'sort'],
];

export function expectRefused(res: HttpAnswer, field: string): void {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

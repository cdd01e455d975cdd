import { jest } from '@jest/globals';
import { FanoutChunkService } from '../../src/fanout/fanout-chunk.service';
import { FanoutPlannerService } from '../../src/fanout/fanout-planner.service';
import { AppConfig } from '../../src/infra/config/app-config';
import type { JobPayloads } from '../../src/infra/queues/job-catalogue';
import { openMediumApp, MediumApp } from '../support/medium-app';
import { insert } from '../support/medium-db';
import { chunkUsers } from '../../src/fanout/chunk-users';

// Above the planner's first page (2,000 followers) and below one full chunk per bucket (16 × 1,000).
const FOLLOWERS = 2500;

describe('fan-out plan streams its first page', () => {
  let m: MediumApp;

  beforeAll(async () => {
    // Every chunk as a job: the test reads them (the plan writes none itself).
    m = await openMediumApp({ FANOUT_INLINE_FOLLOWERS: '0' });
  });
  afterAll(() => m.close());

  it('cuts the first page into chunks of its own, so they are enqueued before the scan ends; every follower once', async () => {
    const topicId = await insert.topic(m.db, 'streamed');
    await m.db.query(
      `WITH u AS (
         INSERT INTO users (email, password_hash, display_name, last_active_at)
         SELECT 'r-' || g || '@example.test', 'x', 'Reader', now() FROM generate_series(1, $1::int) g RETURNING id)
       INSERT INTO follows (user_id, topic_id) SELECT id, $2 FROM u`,
      [FOLLOWERS, topicId],
    );
    const articleId = await insert.article(m.db, { publishedAt: new Date(m.clock.nowMs() - 1000), topicIds: [topicId] });

    const result = await m.app.get(FanoutPlannerService).plan({ articleId, version: 1 });

    const chunks = m.jobs
      .take()
      .filter((j) => j.name === 'fanout.chunk')
      .map((j) => j.payload as JobPayloads['fanout.chunk']);
    expect(result).toEqual({ followers: FOLLOWERS, chunks: chunks.length });
    const ids = chunks.flatMap((c) => chunkUsers(c)).map(Number);
    expect(new Set(ids).size).toBe(FOLLOWERS);
    const firstPageLast = [...ids].sort((a, b) => a - b)[1999];
    // Each chunk holds either first-page followers only or later ones only: the first page did not wait.
    for (const c of chunks) {
      const users = chunkUsers(c);
      const early = users.map(Number).filter((id) => id <= firstPageLast).length;
      expect([0, users.length]).toContain(early);
    }
    expect(chunks.length).toBeGreaterThan(16);
  });

  describe('pages double from 2,000, and the first range cuts them at once while it has scanned fewer than FANOUT_INLINE_FOLLOWERS', () => {
    // Pages of 2,000, 4,000, then the last 3,000: (0, 2000], (2000, 6000], (6000, 9000] by rank.
    const MANY = 9000;
    let config: AppConfig;
    let budget: number;

    beforeAll(() => {
      config = m.app.get(AppConfig);
      budget = config.FANOUT_INLINE_FOLLOWERS;
    });
    afterAll(() => {
      config.FANOUT_INLINE_FOLLOWERS = budget;
    });

    /**
     * The chunks of one plan (written by the plan itself or enqueued), each as the follower ranks it holds. `gap`
     * users who follow nothing are made between the first MANY followers and `more` others, to span two scan ranges.
     */
    async function chunkRanks(slug: string, { gap, more }: { gap: number; more: number } = { gap: 0, more: 0 }): Promise<number[][]> {
      const topicId = await insert.topic(m.db, slug);
      const rows: { id: string }[] = await m.db.query(
        `WITH u AS (
           INSERT INTO users (email, password_hash, display_name, last_active_at)
           SELECT $3 || '-' || g || '@example.test', 'x', 'Reader', now() FROM generate_series(1, $1::int + $4::int + $5::int) g
           RETURNING id)
         INSERT INTO follows (user_id, topic_id)
         SELECT id, $2 FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM u) x WHERE n <= $1 OR n > $1 + $4
         RETURNING user_id::text AS id`,
        [MANY, topicId, slug, gap, more],
      );
      const rank = new Map(
        rows
          .map((r) => Number(r.id))
          .sort((a, b) => a - b)
          .map((id, i) => [id, i + 1]),
      );
      const articleId = await insert.article(m.db, { publishedAt: new Date(m.clock.nowMs() - 1000), topicIds: [topicId] });
      const written = jest.spyOn(m.app.get(FanoutChunkService), 'write');
      try {
        await m.app.get(FanoutPlannerService).plan({ articleId, version: 1 });
        const jobs = m.jobs
          .take()
          .filter((j) => j.name === 'fanout.chunk')
          .map((j) => j.payload as JobPayloads['fanout.chunk']);
        const chunks = [...written.mock.calls.map(([payload]) => payload), ...jobs];
        const ranks = chunks.map((c) => chunkUsers(c).map((id) => rank.get(Number(id))!));
        expect(ranks.flat().sort((a, b) => a - b)).toEqual([...rank.values()]);
        return ranks;
      } finally {
        written.mockRestore();
      }
    }

    const pageOf = (r: number) => (r <= 2000 ? 1 : r <= 6000 ? 2 : 3);

    it('inside the budget every chunk holds followers of one page', async () => {
      config.FANOUT_INLINE_FOLLOWERS = 2001;
      const ranks = await chunkRanks('doubling-eager');
      const pages = ranks.map((r) => [...new Set(r.map(pageOf))]);
      expect(pages.filter((p) => p.length !== 1)).toEqual([]);
      expect([...new Set(pages.flat())].sort()).toEqual([1, 2, 3]);
    });

    it('only the first scan range cuts its pages at once: in the others a page waits for the next', async () => {
      config.FANOUT_INLINE_FOLLOWERS = 2001;
      // MANY followers, 40,000 users between, MANY more: two ranges, each paged 2,000 / 4,000 / 3,000.
      const ranks = await chunkRanks('doubling-ranges', { gap: 40_000, more: MANY });
      const rangeOf = (r: number) => (r <= MANY ? 0 : 1);
      const pageIn = (r: number) => pageOf(rangeOf(r) ? r - MANY : r);
      const spans = ranks.map((r) => ({ range: rangeOf(r[0]), pages: new Set(r.map(pageIn)).size }));
      expect(spans.filter((c) => c.range === 0 && c.pages > 1)).toEqual([]);
      expect(spans.some((c) => c.range === 1 && c.pages > 1)).toBe(true);
    });

    it('past it a page waits for the next, so chunks fill', async () => {
      config.FANOUT_INLINE_FOLLOWERS = 2000;
      const ranks = await chunkRanks('doubling-lazy');
      expect(ranks.some((r) => r.some((x) => pageOf(x) === 2) && r.some((x) => pageOf(x) === 3))).toBe(true);
    });
  });
});

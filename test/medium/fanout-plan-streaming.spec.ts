import { FanoutPlannerService } from '../../src/fanout/fanout-planner.service';
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
});

import { FanoutPlannerService } from '../../src/fanout/fanout-planner.service';
import type { JobPayloads } from '../../src/infra/queues/job-catalogue';
import { openMediumApp, MediumApp } from '../support/medium-app';
import { insert } from '../support/medium-db';
import { chunkUsers } from '../../src/fanout/chunk-users';

// Every 10th of 50,000 new users follows: an id span above one scan range (40,000), so the plan scans ranges at once.
const USERS = 50_000;

describe('fan-out plan scans id ranges at once', () => {
  let m: MediumApp;

  beforeAll(async () => {
    // Every chunk as a job: the test reads them (the plan writes none itself).
    m = await openMediumApp({ FANOUT_INLINE_FOLLOWERS: '0' });
  });
  afterAll(() => m.close());

  it('delivers every follower once, with chunk ids unique and the same on a retry', async () => {
    const topicId = await insert.topic(m.db, 'ranged');
    await m.db.query(
      `WITH u AS (
         INSERT INTO users (email, password_hash, display_name, last_active_at)
         SELECT 'rr-' || g || '@example.test', 'x', 'Reader', now() FROM generate_series(1, $1::int) g RETURNING id)
       INSERT INTO follows (user_id, topic_id) SELECT id, $2 FROM u WHERE id % 10 = 0`,
      [USERS, topicId],
    );
    const [{ n }] = await m.db.query(`SELECT count(*)::int AS n FROM follows WHERE topic_id = $1`, [topicId]);
    const articleId = await insert.article(m.db, { publishedAt: new Date(m.clock.nowMs() - 1000), topicIds: [topicId] });
    const planner = m.app.get(FanoutPlannerService);
    const chunkJobs = () => m.jobs.take().filter((j) => j.name === 'fanout.chunk');

    const result = await planner.plan({ articleId, version: 1 });
    const first = chunkJobs();
    await planner.plan({ articleId, version: 1 });
    const retry = chunkJobs();

    const ids = first.flatMap((j) => chunkUsers(j.payload as JobPayloads['fanout.chunk']));
    expect(result).toEqual({ followers: n, chunks: first.length });
    expect(new Set(ids).size).toBe(n);
    expect(ids).toHaveLength(n);
    expect(new Set(first.map((j) => j.jobId)).size).toBe(first.length);
    expect(first.some((j) => (j.payload as JobPayloads['fanout.chunk']).seq >= 1_000_000)).toBe(true);
    expect(retry.map((j) => j.jobId).sort()).toEqual(first.map((j) => j.jobId).sort());
  });
});

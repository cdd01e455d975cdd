import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FanoutPlannerService } from '../../src/fanout/fanout-planner.service';
import { FeedWriterService } from '../../src/feed/feed-writer.service';
import { dataSourceOptions } from '../../src/infra/database/data-source-options';
import { dropDatabase, prepareDatabase } from '../../src/infra/database/prepare-database';
import type { JobPayloads } from '../../src/infra/queues/job-catalogue';
import { openMediumApp, MediumApp } from '../support/medium-app';
import { insert } from '../support/medium-db';
import { chunkUsers } from '../../src/fanout/chunk-users';

// The "replica" is a second database that differs from the primary on purpose: whatever a read returns
// shows which of the two it went to.
const REPLICA_URL = `postgres://postgres@127.0.0.1:5432/mynews_test_replica_${randomBytes(5).toString('hex')}`;

async function seed(
  db: DataSource,
  readers: number,
  followers: number,
  articles: number,
): Promise<{ topicId: string; articleIds: string[] }> {
  const topicId = await insert.topic(db, 'replicated');
  const userIds: string[] = [];
  for (let i = 0; i < readers; i++) userIds.push(await insert.user(db));
  for (const userId of userIds.slice(readers - followers)) await insert.follow(db, userId, topicId);
  const articleIds: string[] = [];
  for (let i = 0; i < articles; i++)
    articleIds.push(await insert.article(db, { publishedAt: new Date(Date.now() - 60_000 + i), topicIds: [topicId] }));
  return { topicId, articleIds };
}

// Every chunk as a job: the followers are read off them (the plan writes none itself).
const AS_JOBS = { FANOUT_INLINE_FOLLOWERS: '0' };

async function plannedFollowers(m: MediumApp, articleId: string): Promise<string[]> {
  await m.app.get(FanoutPlannerService).plan({ articleId, version: 1 });
  const chunks = m.jobs.jobs.filter((j) => j.name === 'fanout.chunk').map((j) => j.payload as JobPayloads['fanout.chunk']);
  await m.runDueJobs();
  return chunks.flatMap((c) => chunkUsers(c)).sort();
}

const watermarkRows = async (db: DataSource) => Number((await db.query(`SELECT count(*)::int AS n FROM fanout_watermarks`))[0].n);

describe('DATABASE_REPLICA_URL', () => {
  let replica: DataSource;

  beforeAll(async () => {
    await prepareDatabase(REPLICA_URL);
    replica = new DataSource(dataSourceOptions(REPLICA_URL));
    await replica.initialize();
    // Replica: 5 readers, the last 2 follow, 3 articles. Primary (below): 3 readers, all follow, 1 article.
    await seed(replica, 5, 2, 3);
  });
  afterAll(async () => {
    await replica.destroy();
    await dropDatabase(REPLICA_URL);
  });

  it('when set, the fan-out scans followers and a rebuild reads articles on the replica; writes go to the primary', async () => {
    const m = await openMediumApp({ DATABASE_REPLICA_URL: REPLICA_URL, ...AS_JOBS });
    try {
      const { topicId, articleIds } = await seed(m.db, 3, 3, 1);

      expect(await plannedFollowers(m, articleIds[0])).toEqual(['4', '5']);
      expect(await watermarkRows(m.db)).toBeGreaterThan(0);
      expect(await watermarkRows(replica)).toBe(0);

      const records = await m.app.get(FeedWriterService).rebuild('1', { follows: new Set([topicId]), mutes: new Set() });
      expect(records).toBe(3);
    } finally {
      await m.close();
    }
  });

  it('unset, the same reads go to the primary', async () => {
    const m = await openMediumApp(AS_JOBS);
    try {
      const { topicId, articleIds } = await seed(m.db, 3, 3, 1);

      expect(await plannedFollowers(m, articleIds[0])).toEqual(['1', '2', '3']);
      const records = await m.app.get(FeedWriterService).rebuild('1', { follows: new Set([topicId]), mutes: new Set() });
      expect(records).toBe(1);
    } finally {
      await m.close();
    }
  });
});

import { ArticlesRepository } from '../../src/articles/articles.repository';
import { FeedReader, isInFeed, isInFeedSql } from '../../src/feed-rules/feed-rule';
import { FollowsRepository } from '../../src/follows/follows.repository';
import { insert, MediumDb, openMediumDb } from '../support/medium-db';

// The feed rule's two forms on the same cases: the in-memory one (read path, live events) and the SQL
// one (rebuilds, backfills, fan-out, audience), each also checked against the answer written by hand.
const HOUR = 3600_000;

type Status = 'draft' | 'published' | 'retracted';
interface Case {
  name: string;
  status: Status;
  dueInMs: number;
  topics: ('sport' | 'tech' | 'art')[];
  follows: ('sport' | 'tech' | 'art')[];
  mutes: ('sport' | 'tech' | 'art')[];
  shown: boolean;
}

const CASES: Case[] = [
  {
    name: 'published, due, followed topic',
    status: 'published',
    dueInMs: -HOUR,
    topics: ['sport'],
    follows: ['sport'],
    mutes: [],
    shown: true,
  },
  {
    name: 'second topic followed',
    status: 'published',
    dueInMs: -HOUR,
    topics: ['art', 'tech'],
    follows: ['tech'],
    mutes: [],
    shown: true,
  },
  { name: 'no followed topic', status: 'published', dueInMs: -HOUR, topics: ['art'], follows: ['sport'], mutes: [], shown: false },
  {
    name: 'a muted topic beside the followed one',
    status: 'published',
    dueInMs: -HOUR,
    topics: ['sport', 'art'],
    follows: ['sport'],
    mutes: ['art'],
    shown: false,
  },
  {
    name: 'followed and muted at once',
    status: 'published',
    dueInMs: -HOUR,
    topics: ['sport'],
    follows: ['sport'],
    mutes: ['sport'],
    shown: false,
  },
  {
    name: 'a mute of another topic',
    status: 'published',
    dueInMs: -HOUR,
    topics: ['sport'],
    follows: ['sport'],
    mutes: ['tech'],
    shown: true,
  },
  { name: 'scheduled (not yet due)', status: 'published', dueInMs: HOUR, topics: ['sport'], follows: ['sport'], mutes: [], shown: false },
  { name: 'draft', status: 'draft', dueInMs: -HOUR, topics: ['sport'], follows: ['sport'], mutes: [], shown: false },
  { name: 'retracted', status: 'retracted', dueInMs: -HOUR, topics: ['sport'], follows: ['sport'], mutes: [], shown: false },
  { name: 'no topics at all', status: 'published', dueInMs: -HOUR, topics: [], follows: ['sport'], mutes: [], shown: false },
];

describe('the feed rule: in memory and in SQL', () => {
  let m: MediumDb;
  let topicIds: Record<string, string>;
  const now = Date.now();

  beforeAll(async () => {
    m = await openMediumDb();
    topicIds = {};
    for (const slug of ['sport', 'tech', 'art']) topicIds[slug] = await insert.topic(m.db, slug);
  });
  afterAll(() => m.close());

  async function setUp(c: Case) {
    const userId = await insert.user(m.db);
    for (const t of c.follows) await insert.follow(m.db, userId, topicIds[t]);
    for (const t of c.mutes) await insert.mute(m.db, userId, topicIds[t]);
    const articleTopics = c.topics.map((t) => topicIds[t]);
    const publishedAt = new Date(now + c.dueInMs);
    const articleId = await insert.article(m.db, { status: c.status, publishedAt, topicIds: articleTopics });
    const reader: FeedReader = { follows: new Set(c.follows.map((t) => topicIds[t])), mutes: new Set(c.mutes.map((t) => topicIds[t])) };
    const article = { status: c.status, publishedAtMs: publishedAt.getTime(), topicIds: articleTopics };
    return { userId, articleId, reader, article };
  }

  it.each(CASES)('$name: both forms answer $shown', async (c) => {
    const { userId, articleId, reader, article } = await setUp(c);

    const [{ shown }]: { shown: boolean }[] = await m.db.query(
      `SELECT ${isInFeedSql({
        article: 'a',
        articleTopics: 'ARRAY(SELECT topic_id FROM article_topics WHERE article_id = a.id)',
        user: '$2::bigint',
        now: '$3::timestamptz',
      })} AS shown FROM articles a WHERE a.id = $1`,
      [articleId, userId, new Date(now)],
    );

    expect(isInFeed(article, reader, now)).toBe(c.shown);
    expect(shown).toBe(c.shown);
  });

  it.each(CASES)('$name: the repositories built on the SQL form agree ($shown)', async (c) => {
    const { userId, articleId, reader, article } = await setUp(c);
    const articles = new ArticlesRepository(m.db);
    const follows = new FollowsRepository(m.db);

    // A rebuild or backfill: the reader's newest articles by their follows and mutes.
    const recent = await articles.recentByTopics(reader.follows, reader.mutes, 1000);
    expect(recent.some((r) => r.id === articleId)).toBe(c.shown);
    // A live event: the reader half (the caller has already checked published and due on the card).
    const audience = await follows.audience([userId], [...article.topicIds]);
    expect(audience.includes(userId)).toBe(isInFeed({ ...article, status: 'published', publishedAtMs: 0 }, reader, now));
    // A fan-out: the reader half again, over a follower page that starts at this reader (mutesNoTopic.inUserRangeSql).
    const page = await follows.followerPage([...article.topicIds], (BigInt(userId) - 1n).toString(), new Date(now - HOUR), 10);
    expect(page.ids.includes(userId)).toBe(isInFeed({ ...article, status: 'published', publishedAtMs: 0 }, reader, now));
  });
});

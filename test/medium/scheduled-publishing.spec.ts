import { ArticlesService } from '../../src/articles/articles.service';
import type { CreateArticleDto } from '../../src/articles/dto/create-article.dto';
import { TopicArticlesService } from '../../src/articles/topic-articles.service';
import { FeedService } from '../../src/feed/feed.service';
import { FeedEventAudience } from '../../src/feed/stream/feed-event-audience';
import { FollowsService } from '../../src/follows/follows.service';
import type { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { openMediumApp, MediumApp } from '../support/medium-app';
import { insert } from '../support/medium-db';

// A scheduled article, with time moved by the test clock instead of waited for (these were e2e tests
// scheduling 2-4 s ahead and polling until then).
const HOUR = 3600_000;

describe('scheduled publishing, on a test clock', () => {
  let m: MediumApp;
  let articles: ArticlesService;
  let users: UsersService;
  let editor: User;
  let serial = 0;

  beforeAll(async () => {
    m = await openMediumApp();
    articles = m.app.get(ArticlesService);
    users = m.app.get(UsersService);
    const editorId = await insert.user(m.db);
    await m.db.query(`UPDATE users SET role = 'editor' WHERE id = $1`, [editorId]);
    editor = (await users.findById(editorId))!;
  });
  afterAll(() => m.close());

  async function topic(): Promise<string> {
    const slug = `topic-${++serial}`;
    await insert.topic(m.db, slug);
    return slug;
  }

  async function reader(follows: string[]): Promise<User> {
    const id = await insert.user(m.db, { lastActiveAt: m.clock.now() });
    for (const slug of follows) await m.app.get(FollowsService).follow(id, slug);
    return (await users.findById(id))!;
  }

  async function publish(topicSlugs: string[], extra: Partial<CreateArticleDto> = {}): Promise<{ id: string; publishedAt: string }> {
    const dto = { headline: `Story ${++serial}`, body: 'Body text.', topicSlugs, ...extra };
    const { article } = await articles.create(dto);
    return article;
  }

  const inAnHour = () => new Date(m.clock.nowMs() + HOUR).toISOString();

  it('the feed never shows drafts, and shows a scheduled article only from its time', async () => {
    const slug = await topic();
    const user = await reader([slug]);
    const feed = m.app.get(FeedService);
    const feedIds = async () => (await feed.page(user, { mode: 'latest', limit: 20 })).items.map((i) => (i.article as { id: string }).id);
    expect(await feedIds()).toEqual([]);

    await publish([slug], { status: 'draft' });
    const scheduled = await publish([slug], { publishedAt: inAnHour() });
    await m.runDueJobs();
    // The fan-out and the alert plan both wait for the article's time.
    expect(m.jobs.jobs.map((j) => [j.name, j.delayMs]).sort()).toEqual([
      ['alerts.plan', HOUR],
      ['fanout.plan', HOUR],
    ]);
    expect(await feedIds()).toEqual([]);

    m.clock.advance(HOUR - 1000);
    await m.runDueJobs();
    expect(await feedIds()).toEqual([]);

    m.clock.advance(1000);
    await m.runDueJobs();
    expect(await feedIds()).toEqual([scheduled.id]);
  });

  it('a live event names a scheduled article only once it is due', async () => {
    const slug = await topic();
    const user = await reader([slug]);
    const audience = m.app.get(FeedEventAudience);
    const scheduled = await publish([slug], { publishedAt: inAnHour() });
    expect(await audience.resolve(scheduled.id, [user.id])).toBeNull();

    m.clock.advance(HOUR);
    const heard = await audience.resolve(scheduled.id, [user.id]);
    expect(heard?.userIds).toEqual([user.id]);
    expect(heard?.event.publishedAt).toBe(scheduled.publishedAt);
  });

  it("a topic's list shows a scheduled article once its time has come", async () => {
    const slug = await topic();
    const list = m.app.get(TopicArticlesService);
    const ids = async () => (JSON.parse((await list.list(slug, { limit: 20 })).json) as { items: { id: string }[] }).items.map((i) => i.id);
    const earlier = await publish([slug], { publishedAt: new Date(m.clock.nowMs() - 60_000).toISOString() });
    const scheduled = await publish([slug], { publishedAt: inAnHour() });
    expect(await ids()).toEqual([earlier.id]);

    m.clock.advance(HOUR);
    expect(await ids()).toEqual([scheduled.id, earlier.id]);
  });

  it('a scheduled article is shown to editors at once and to everyone once its time has come', async () => {
    const slug = await topic();
    const user = await reader([]);
    const scheduled = await publish([slug], { publishedAt: inAnHour() });
    expect((await articles.get(scheduled.id, editor)).id).toBe(scheduled.id);
    await expect(articles.get(scheduled.id, user)).rejects.toMatchObject({ status: 404, code: 'ARTICLE_NOT_FOUND' });
    await expect(articles.get(scheduled.id, undefined)).rejects.toMatchObject({ status: 404 });

    m.clock.advance(HOUR - 1);
    await expect(articles.get(scheduled.id, user)).rejects.toMatchObject({ status: 404 });
    m.clock.advance(1);
    expect((await articles.get(scheduled.id, user)).id).toBe(scheduled.id);
    expect((await articles.get(scheduled.id, undefined)).id).toBe(scheduled.id);
  });
});

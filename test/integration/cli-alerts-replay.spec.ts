import { DataSource } from 'typeorm';
import { cli, useCliEnv } from '../support/cli-runner';
import { Newsroom } from '../support/newsroom';
import { waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';

describe('cli alerts:replay', () => {
  let t: TestApp;
  let db: DataSource;
  let restoreEnv: () => void;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    db = t.app.get(DataSource);
    restoreEnv = useCliEnv(t.config);
  });
  afterAll(async () => {
    restoreEnv();
    await t.close();
  });

  it('makes the alerts an article is missing and leaves the others as they are', async () => {
    const news = await Newsroom.open(t);
    const topic = await news.topic();
    const readers = [await news.reader([topic]), await news.reader([topic]), await news.reader([topic])];
    const article = await news.publish([topic], { priority: 'breaking' });
    await waitForQueuesIdle(t);
    const before: { id: string; user_id: string }[] = await db.query(
      `SELECT id::text AS id, user_id::text AS user_id FROM alerts WHERE article_id = $1`,
      [article.id],
    );
    expect(before).toHaveLength(3);
    await db.query(`DELETE FROM alerts WHERE user_id = $1`, [readers[0].user.id]);

    const run = await cli('alerts:replay', article.id);
    expect(run.exitCode).toBe(0);
    expect(run.out).toMatch(new RegExp(`Enqueued alerts\\.plan alerts-replay\\.${article.id}\\.v\\d+\\.\\d+ for article ${article.id}`));
    await waitForQueuesIdle(t);

    const after: { id: string; user_id: string }[] = await db.query(
      `SELECT id::text AS id, user_id::text AS user_id FROM alerts WHERE article_id = $1`,
      [article.id],
    );
    expect(after.map((r) => r.user_id).sort()).toEqual(readers.map((r) => r.user.id).sort());
    for (const kept of before.filter((r) => r.user_id !== readers[0].user.id)) expect(after).toContainEqual(kept);
  });

  it('refuses an unknown or retracted article', async () => {
    const unknown = await cli('alerts:replay', '987654');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.err).toContain('there is no article with id 987654');
    const news = await Newsroom.open(t);
    const article = await news.publish([await news.topic()]);
    await t.http.delete(`/v1/articles/${article.id}`, { token: news.editor.token });
    const retracted = await cli('alerts:replay', article.id);
    expect(retracted.exitCode).toBe(1);
    expect(retracted.err).toContain('retracted');
  });
});

import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';
import { createUser, CreatedUser } from './users.factory';

/** Test data through the public API: an editor publishing, readers following. */
export class Newsroom {
  private constructor(
    private readonly t: TestApp,
    readonly editor: CreatedUser,
  ) {}

  static async open(t: TestApp): Promise<Newsroom> {
    return new Newsroom(t, await createUser(t, { role: 'editor' }));
  }

  async topic(name = `Topic ${randomBytes(4).toString('hex')}`): Promise<string> {
    const res = await this.t.http.post('/v1/topics', { name }, { token: this.editor.token });
    if (res.status !== 201) throw new Error(`topic: ${res.status} ${res.text}`);
    return res.body.slug;
  }

  async publish(topicSlugs: string[], extra: Record<string, unknown> = {}): Promise<{ id: string; [k: string]: unknown }> {
    const res = await this.t.http.post(
      '/v1/articles',
      { headline: `Story ${randomBytes(4).toString('hex')}`, body: 'Body text.', topicSlugs, ...extra },
      { token: this.editor.token },
    );
    if (res.status !== 201) throw new Error(`publish: ${res.status} ${res.text}`);
    return res.body;
  }

  async reader(follows: string[] = [], mutes: string[] = []): Promise<CreatedUser> {
    const reader = await createUser(this.t);
    for (const slug of follows) await this.expectOk(this.t.http.put(`/v1/me/follows/${slug}`, undefined, { token: reader.token }));
    for (const slug of mutes) await this.expectOk(this.t.http.put(`/v1/me/mutes/${slug}`, undefined, { token: reader.token }));
    return reader;
  }

  async feedIds(token: string, query: Record<string, string> = {}): Promise<string[]> {
    const res = await this.t.http.get('/v1/feed', { token, query });
    if (res.status !== 200) throw new Error(`feed: ${res.status} ${res.text}`);
    return res.body.items.map((i: { article: { id: string } }) => i.article.id);
  }

  private async expectOk(pending: Promise<{ status: number; text: string }>) {
    const res = await pending;
    if (res.status >= 300) throw new Error(`${res.status} ${res.text}`);
  }
}

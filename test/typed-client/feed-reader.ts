// A client of the myNEWS API typed only by docs/openapi.json: openapi-typescript turns the document
// into ./api.d.ts, openapi-fetch makes the calls. Compiled in strict mode by test/e2e/typed-client.e2e-spec.ts,
// so a route without a success schema (an untyped `data`) fails the build. Prints one JSON line of findings.
import createClient from 'openapi-fetch';
import type { components, paths } from './api.js';

type FeedPage = components['schemas']['FeedPageResponse'];

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function ok<T>(step: string, answer: { data?: T; response: Response }): T {
  if (answer.data === undefined) throw new Error(`${step}: ${answer.response.status}`);
  return answer.data;
}

async function main(): Promise<void> {
  const api = createClient<paths>({ baseUrl: env('API_BASE_URL') });

  const session = ok(
    'sign up',
    await api.POST('/v1/auth/register', {
      body: { email: env('READER_EMAIL'), password: 'typed-client-secret', displayName: 'Typed Client' },
    }),
  );
  const headers = { authorization: `Bearer ${session.tokens.accessToken}` };

  const follow = ok('follow', await api.PUT('/v1/me/follows/{slug}', { params: { path: { slug: env('TOPIC_SLUG') } }, headers }));

  const first: FeedPage = ok('first page', await api.GET('/v1/feed', { params: { query: { limit: 2, mode: 'latest' } }, headers }));
  if (first.nextCursor === null) throw new Error('first page: no next page');
  const second: FeedPage = ok(
    'second page',
    await api.GET('/v1/feed', {
      params: { query: { limit: 2, mode: 'latest', cursor: first.nextCursor } },
      headers,
    }),
  );

  const etag = (await api.GET('/v1/feed', { params: { query: { limit: 2, mode: 'latest' } }, headers })).response.headers.get('etag') ?? '';
  const unchanged = await api.GET('/v1/feed', {
    params: { query: { limit: 2, mode: 'latest' }, header: { 'If-None-Match': etag } },
    headers,
  });

  const toSave = first.items[0].article;
  const save = await api.PUT('/v1/me/saved/{articleId}', { params: { path: { articleId: toSave.id } }, headers });
  const saved = ok('saved list', await api.GET('/v1/me/saved', { params: { query: { limit: 10 } }, headers }));

  const abort = new AbortController();
  const stream = await api.GET('/v1/feed/stream', { params: { query: {} }, headers, parseAs: 'stream', signal: abort.signal });
  const firstChunk = stream.data ? new TextDecoder().decode((await stream.data.getReader().read()).value) : '';
  abort.abort();

  console.log(
    JSON.stringify({
      user: { id: session.user.id, role: session.user.role },
      followed: follow.topic.slug,
      pages: [first, second].map((page) => ({
        ids: page.items.map((item) => item.article.id),
        reasons: page.items.map((item) => item.reasons.map((reason) => `${reason.type}:${reason.topic.slug}`)),
        stories: page.items.map((item) => item.story),
        state: page.state,
      })),
      notModified: unchanged.response.status,
      save: save.response.status,
      saved: saved.items.map((item) => ({ id: item.article.id, headline: item.article.headline, savedAt: item.savedAt })),
      savedTitle: toSave.headline,
      stream: { status: stream.response.status, type: stream.response.headers.get('content-type'), firstChunk },
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

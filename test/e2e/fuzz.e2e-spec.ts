import fc from 'fast-check';
import { startTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/users.factory';
import { Newsroom } from '../support/newsroom';

/**
 * Property: whatever arrives (random and malformed paths, queries, headers, bodies, cursors and ids,
 * on every route), the answer is never a 5xx, every error is a problem document, and the service
 * is still ready afterwards. Bounded to a few thousand requests so it stays well under a minute.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2500);

interface Route {
  method: string;
  path: string;
  query: string[];
}

// Routes outside the OpenAPI document (operations, the dashboard and its API).
const OPS_ROUTES: Route[] = [
  { method: 'GET', path: '/metrics', query: [] },
  { method: 'GET', path: '/docs', query: [] },
  { method: 'GET', path: '/docs-json', query: [] },
  { method: 'GET', path: '/admin/queues', query: [] },
  { method: 'GET', path: '/admin/queues/api/queues', query: ['activeQueue', 'status', 'page', 'jobsPerPage'] },
  { method: 'GET', path: '/admin/queues/api/queues/{queueName}/{jobId}', query: [] },
  { method: 'PUT', path: '/admin/queues/api/queues/{queueName}/{jobId}/retry', query: [] },
  { method: 'POST', path: '/admin/queues/api/queues/{queueName}/add', query: [] },
  { method: 'PUT', path: '/admin/queues/api/queues/{queueName}/clean/{queueStatus}', query: [] },
];

function routesOf(document: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> }): Route[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
}

/** null nine times in ten: a route's own method and path most of the time. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: arb, weight: 1 });

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

// Raw text for a URL: encoded normally, or left with broken escapes, NULs and lone surrogates.
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1e21',
    '1e300',
    '9'.repeat(40),
    'NaN',
    'null',
    '../..',
    '\u0000',
    '\ud800',
    'a\udc00b',
    '%',
    '%zz',
    '%E0%A4%A',
    '%00',
    '%ff',
    '%C0%AF',
    'fanout',
    '*',
  ),
);
const numberLike = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(1e21, 1e300, -0, Number.MAX_SAFE_INTEGER + 2));
const forgedCursor = fc.oneof(
  nastyString,
  fc
    .record(
      {
        m: fc.constantFrom('ranked', 'latest', 'x'),
        s: fc.constantFrom('r', 'p', 'w', 'q'),
        k: numberLike,
        t: numberLike,
        id: numberLike,
        n: nastyString,
        i: numberLike,
      },
      { requiredKeys: [] },
    )
    .map(cursorOf),
  fc
    .record({
      t: fc.oneof(
        nastyString,
        fc.constantFrom('0000-01-01T00:00:00.000000Z', '9999-12-31T23:59:59.999999Z', '2026-02-30T00:00:00.000000Z'),
      ),
      id: fc.oneof(nastyString, fc.constant('1')),
    })
    .map(cursorOf),
  fc.record({ after: nastyString }).map(cursorOf),
  fc.jsonValue({ maxDepth: 3 }).map(cursorOf),
);

/** A string as it would appear in a URL: usually percent-encoded (surrogates and all), sometimes raw. */
const inUrl = (s: fc.Arbitrary<string>) =>
  fc.tuple(s, fc.boolean()).map(([text, raw]) => {
    if (raw) return text.replace(/[\s#?&/]/g, '');
    try {
      return encodeURIComponent(text);
    } catch {
      return text.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[\s#?&/]/g, '');
    }
  });

const bodyArb = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(
        'email',
        'password',
        'displayName',
        'name',
        'description',
        'headline',
        'body',
        'summary',
        'topicSlugs',
        'authors',
        'imageUrl',
        'imageCaption',
        'status',
        'priority',
        'publishedAt',
        'externalId',
        'storyKey',
        'role',
        'refreshToken',
        'events',
        'type',
        'articleId',
        'data',
        '__proto__',
        'constructor',
      ),
      fc.oneof(
        nastyString,
        numberLike,
        fc.boolean(),
        fc.constant(null),
        fc.array(nastyString, { maxLength: 3 }),
        fc.jsonValue({ maxDepth: 2 }),
      ),
    )
    .map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{',
    '{"a":',
    '[]',
    '"x"',
    'null',
    '{"a":1,"a":2}',
    '{"__proto__":{"x":1}}',
    '['.repeat(40) + ']'.repeat(40),
    '\u0000',
    '{"x":"\\ud800"}',
  ),
  fc.string({ maxLength: 80 }),
);

describe('fuzzing every route', () => {
  let t: TestApp;
  let routes: Route[];
  let tokens: string[];
  let realIds: Record<string, string>;
  const seen = { requests: 0, byStatus: new Map<number, number>() };
  beforeAll(async () => {
    t = await startTestApp();
    const newsroom = await Newsroom.open(t);
    const slug = await newsroom.topic();
    const article = await newsroom.publish([slug]);
    const reader = await newsroom.reader([slug]);
    const admin = await createUser(t, { role: 'admin' });
    tokens = [reader.token, newsroom.editor.token, admin.token];
    realIds = { slug, id: article.id, articleId: article.id, queueName: 'fanout', jobId: '1', queueStatus: 'failed' };
    routes = [...routesOf((await t.http.get('/docs-json')).body), ...OPS_ROUTES];
  });
  afterAll(() => t.close());

  it(`answers ${RUNS} random and malformed requests without a 5xx, every error a problem document`, async () => {
    const requestArb = fc.record({
      route: fc.constantFrom(...routes),
      method: rarely(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS')),
      // Real ids and slugs most of the time, so that requests get past the 404s into the handlers.
      pathParams: fc.array(fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: inUrl(nastyString), weight: 1 }), {
        minLength: 4,
        maxLength: 4,
      }),
      extraPath: rarely(inUrl(nastyString)),
      query: fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('limit', 'cursor', 'q', 'mode', 'since', 'lastEventId', 'access_token', 'acc%65ss_token'),
            inUrl(nastyString),
          ),
          fc.oneof(inUrl(nastyString), forgedCursor, numberLike.map(String)),
        ),
        { maxLength: 3 },
      ),
      auth: fc.oneof(
        fc.constant(undefined),
        { arbitrary: fc.constantFrom(0, 1, 2).map((i) => `Bearer ${tokens[i]}`), weight: 4 },
        fc.constantFrom('Bearer', 'Bearer x.y.z', 'Basic Og==', 'Basic ' + Buffer.from('a@b.c:pw').toString('base64')),
        fc.string({ maxLength: 30 }),
      ),
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        undefined,
      ),
      headers: fc.dictionary(
        fc.constantFrom('x-request-id', 'if-none-match', 'last-event-id', 'accept', 'origin', 'x-forwarded-for', 'accept-encoding'),
        fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
      ),
      body: bodyArb,
    });

    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        let params = 0;
        let path = r.route.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => r.pathParams[params++] ?? realIds[name] ?? '1');
        if (r.extraPath !== null) path += `/${r.extraPath}`;
        const query = r.query.map(([k, v]) => `${k}=${v}`).join('&');
        const method = r.method ?? r.route.method;
        const isStream = path.startsWith('/v1/feed/stream') && (method === 'GET' || method === 'HEAD');
        // A stream that opens stays open: only its rejections are fuzzed. Erasing the fixtures' own
        // accounts would leave every later request a 401.
        const erasesFixture = method === 'DELETE' && /^\/v1\/me\/?$/.test(path);
        const auth = isStream || erasesFixture ? undefined : r.auth;
        const headers: Record<string, string> = { ...r.headers };
        if (auth) headers.authorization = auth;
        if (r.contentType && r.body !== undefined) headers['content-type'] = r.contentType;
        const url = `${path}${query ? `?${query}` : ''}`;
        if (isStream && /access_token=(?!%|$)/.test(query)) return;
        const res = await t.app.inject({ method: method as 'GET', url, headers, payload: r.body });
        seen.requests++;
        seen.byStatus.set(res.statusCode, (seen.byStatus.get(res.statusCode) ?? 0) + 1);
        const summary = `${method} ${url} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (res.statusCode >= 500) throw new Error(`5xx: ${summary}`);
        // Bull Board's own API (behind the admin gate, whose refusals are problem documents) answers its
        // errors in the format its UI reads; only "never a 5xx" holds for it.
        const dashboardOwn = path.startsWith('/admin/queues/') && !(res.statusCode === 401 || res.statusCode === 403);
        if (res.statusCode >= 400 && method !== 'HEAD' && !dashboardOwn) {
          if (!/^application\/problem\+json/.test(String(res.headers['content-type'])))
            throw new Error(`not a problem document: ${summary}`);
          const problem = JSON.parse(res.body) as { type?: unknown; status?: unknown; code?: unknown; title?: unknown };
          if (
            problem.status !== res.statusCode ||
            typeof problem.code !== 'string' ||
            problem.type !== 'about:blank' ||
            typeof problem.title !== 'string'
          ) {
            throw new Error(`malformed problem document: ${summary}`);
          }
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(seen.requests).toBeGreaterThan(RUNS * 0.9);
    // Not only rejections: some requests get through to the handlers.
    const passed = [...seen.byStatus].filter(([status]) => status < 300).reduce((sum, [, n]) => sum + n, 0);
    expect(passed).toBeGreaterThan(RUNS * 0.02);

    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
  });
});

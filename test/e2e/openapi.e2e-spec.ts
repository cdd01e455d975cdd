import { readFileSync } from 'node:fs';
import { startTestApp, TestApp } from '../support/test-app';

interface Response {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
  headers?: Record<string, unknown>;
}
interface Operation {
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }>; securitySchemes: Record<string, unknown> };
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let served: Document;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    served = res.body as Document;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(served.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, path, op })),
    );

  it('is the one in docs/openapi.json (else run: npm run openapi)', () => {
    expect(JSON.parse(readFileSync('docs/openapi.json', 'utf8'))).toEqual(served);
  });

  it('gives every success answer with a body its schema', () => {
    const untyped = operations().flatMap(({ route, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => /^2/.test(status) && status !== '204')
        .filter(([, response]) => !Object.values(response.content ?? {}).some((media) => media.schema))
        .map(([status]) => `${route} ${status}`),
    );
    expect(operations().length).toBeGreaterThan(30);
    expect(untyped).toEqual([]);
  });

  it('gives every error answer the problem schema, and 429/503 a Retry-After header', () => {
    const wrong = operations().flatMap(({ route, path, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => Number(status) >= 400 && path.startsWith('/v1/'))
        .filter(
          ([status, response]) =>
            response.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem' ||
            (['429', '503'].includes(status) && !response.headers?.['Retry-After']),
        )
        .map(([status]) => `${route} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('documents 401 wherever a token is used, the ETag and 304 of the feed, and Link on every paged list', () => {
    for (const { route, op } of operations()) {
      if (op.security?.some((scheme) => 'bearer' in scheme))
        expect([route, op.responses['401']?.description]).toEqual([route, expect.any(String)]);
      const ok = op.responses['200'];
      const schema = ok?.content?.['application/json']?.schema?.$ref?.split('/').pop();
      if (schema && served.components.schemas[schema]?.properties?.nextCursor && !/\/(follows|mutes)$/.test(route)) {
        expect([route, Object.keys(ok.headers ?? {})]).toEqual([route, expect.arrayContaining(['Link'])]);
      }
    }
    for (const route of ['/v1/feed', '/v1/feed/new-count']) {
      const get = served.paths[route].get;
      expect(Object.keys(get.responses['200'].headers ?? {})).toEqual(expect.arrayContaining(['ETag']));
      expect(get.responses['304']).toBeDefined();
    }
  });

  it('types the feed item with reasons, story and the page state', () => {
    const item = served.components.schemas.FeedItemResponse.properties!;
    expect(Object.keys(item).sort()).toEqual(['article', 'reasons', 'story']);
    expect(Object.keys(served.components.schemas.FeedPageResponse.properties!).sort()).toEqual(['items', 'nextCursor', 'state']);
  });

  it('names both ways to send the access token: the bearer header, and the query on the live stream', () => {
    expect(Object.keys(served.components.securitySchemes).sort()).toEqual(['access_token', 'bearer']);
    expect(served.paths['/v1/feed/stream'].get.security).toEqual([{ bearer: [] }, { access_token: [] }]);
  });
});

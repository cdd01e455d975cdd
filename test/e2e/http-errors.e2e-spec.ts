import { startTestApp, TestApp } from '../support/test-app';

describe('error format of bodies the API cannot take', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const expectProblem = (
    res: { status: number; headers: Record<string, unknown>; body: { code: string; status: number } },
    status: number,
    code: string,
  ) => {
    expect(res.status).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'about:blank', status, code });
  };

  it.each([
    ['application/x-www-form-urlencoded', 'email=a%40b.c&password=12345678'],
    ['text/plain', 'hello'],
    ['application/xml', '<a/>'],
    ['multipart/form-data; boundary=x', '--x--'],
  ])('answers a %s body with 415', async (type, raw) => {
    const res = await t.http.post('/v1/auth/login', undefined, { raw, headers: { 'content-type': type } });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers broken JSON with 400 MALFORMED_JSON', async () => {
    for (const raw of ['{"email": ', '{email: 1}', '']) {
      const res = await t.http.post('/v1/auth/login', undefined, { raw, headers: { 'content-type': 'application/json' } });
      expectProblem(res, 400, 'MALFORMED_JSON');
    }
  });

  it('answers a JSON body that is not an object with 400', async () => {
    for (const raw of ['[1,2]', '"text"', '42', 'null']) {
      const res = await t.http.post('/v1/auth/login', undefined, { raw, headers: { 'content-type': 'application/json' } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
    }
  });

  it('answers a body over 1 MiB with 413', async () => {
    const raw = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1024 * 1024) });
    const res = await t.http.post('/v1/auth/login', undefined, { raw, headers: { 'content-type': 'application/json' } });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers unknown routes and methods with 404 NOT_FOUND', async () => {
    expectProblem(await t.http.get('/v1/nope'), 404, 'NOT_FOUND');
    expectProblem(await t.http.request('PATCH', '/health/live'), 404, 'NOT_FOUND');
  });
});

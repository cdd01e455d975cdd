import { jest } from '@jest/globals';
import { startTestApp, TestApp } from '../support/test-app';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('deeply nested JSON bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (raw: string) => t.http.post('/v1/auth/register', undefined, { raw, headers: { 'content-type': 'application/json' } });

  it('answers a body nested 400,000 levels with 400 MALFORMED_JSON from the depth check, never parsing it', async () => {
    const body = `{"email":"a@b.c","password":"long-enough-1","displayName":"x","extra":${nested(400_000)}}`;
    // The app runs in this process: a JSON.parse of the body would show here (the depth check scans, never parses).
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
      expect(res.body.detail).toMatch(/32/);
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length >= body.length)).toEqual([]);
    } finally {
      parse.mockRestore();
    }
  });

  it('rejects depth 33 and lets depth 32 through to validation', async () => {
    const tooDeep = await post(`{"email":${nestedObject(32)}}`);
    expect(tooDeep.body).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    const deepEnough = await post(`{"email":${nestedObject(31)}}`);
    expect(deepEnough.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('counts brackets inside strings as text, not nesting', async () => {
    const res = await post(JSON.stringify({ email: 'a@b.c', password: '[{'.repeat(50), displayName: '"\\[[[' }));
    expect(res.body.code).not.toBe('MALFORMED_JSON');
  });

  it('keeps /health/live fast while several such bodies arrive', async () => {
    const started = Date.now();
    const attack = Array.from({ length: 20 }, () => post(nested(400_000)));
    const [live, ...answers] = await Promise.all([t.http.get('/health/live'), ...attack]);
    expect(live.status).toBe(200);
    for (const res of answers) expect(res.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

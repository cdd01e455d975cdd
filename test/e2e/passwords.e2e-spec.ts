import { startTestApp, TestApp } from '../support/test-app';

const GOOD = 'correct horse battery';

describe('passwords that are blank or among the commonest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(['12345678', 'password', 'qwertyui', 'PassWord', 'iloveyou', '        ', '\t'.repeat(8), '\u00a0'.repeat(8)])(
    'register refuses %j with 400 naming password, and creates nothing',
    async (password) => {
      const email = `p${Math.random().toString(36).slice(2)}@example.org`;
      const res = await t.http.post('/v1/auth/register', { email, password, displayName: 'P' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['password']);
      expect((await t.http.post('/v1/auth/register', { email, password: GOOD, displayName: 'P' })).status).toBe(201);
    },
  );

  it('register still takes a password that is neither', async () => {
    expect(
      (await t.http.post('/v1/auth/register', { email: 'fine@example.org', password: 'Password-for-me-9', displayName: 'F' })).status,
    ).toBe(201);
  });
});

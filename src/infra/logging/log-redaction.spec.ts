import { QueryFailedError } from 'typeorm';
import { redactUrl, serializeError } from './log-redaction';

describe('log redaction', () => {
  it.each([
    ['/v1/feed/stream?access_token=abc.def', '/v1/feed/stream?access_token=[Redacted]'],
    ['/v1/feed/stream?acc%65ss_token=abc.def&x=1', '/v1/feed/stream?acc%65ss_token=[Redacted]&x=1'],
    ['/v1/feed/stream?x=1&ACCESS%5FTOKEN=abc', '/v1/feed/stream?x=1&ACCESS%5FTOKEN=[Redacted]'],
    ['/v1/feed/stream?%zz&access_token=abc', '/v1/feed/stream?%zz&access_token=[Redacted]'],
    ['/v1/topics?q=token', '/v1/topics?q=token'],
    ['/v1/topics', '/v1/topics'],
  ])('redacts %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it("drops a failed query's bound parameters and Postgres' detail, keeping the SQL and code", () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      detail: 'Key (email)=(someone@example.test) already exists.',
    });
    const error = new QueryFailedError(
      'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      ['someone@example.test', '$argon2id$v=19$secret'],
      driverError,
    );
    const serialized = serializeError(error) as Record<string, unknown>;
    const text = JSON.stringify(serialized);
    expect(text).not.toContain('argon2id');
    expect(text).not.toContain('someone@example.test');
    expect(serialized).toMatchObject({ type: 'QueryFailedError', code: '23505', query: expect.stringContaining('INSERT INTO users') });
  });
});

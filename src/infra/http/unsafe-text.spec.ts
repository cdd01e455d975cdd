import { findUnsafeText, unsafeTextReason } from './unsafe-text';

describe('unsafe text', () => {
  it('accepts ordinary text, emoji (paired surrogates) included', () => {
    expect(unsafeTextReason('Grüße 👋 日本')).toBeUndefined();
  });

  it('refuses NUL and lone surrogates', () => {
    expect(unsafeTextReason('a\u0000b')).toMatch(/NUL/);
    expect(unsafeTextReason('a\ud800')).toMatch(/surrogate/);
    expect(unsafeTextReason('\udc00a')).toMatch(/surrogate/);
    expect(unsafeTextReason('\udc00\ud800')).toMatch(/surrogate/);
  });

  it('names the path of the first bad string', () => {
    expect(findUnsafeText({ a: 'ok', summary: ['ok', 'x\u0000'] })).toEqual({ field: 'summary.1', message: expect.stringMatching(/NUL/) });
    expect(findUnsafeText({ events: [{ type: 'open', id: '\ud83d' }] })?.field).toBe('events.0.id');
    expect(findUnsafeText({ ok: 1, n: null, b: true })).toBeUndefined();
  });

  it('refuses bad field names too', () => {
    expect(findUnsafeText({ nested: { 'a\u0000': 1 } })?.field).toBe('nested');
  });
});

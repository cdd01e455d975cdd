import { createHash } from 'node:crypto';
import { ifNoneMatchHits, versionEtag } from './etag';

describe('versionEtag', () => {
  it('hashes each part followed by a NUL, so a tag names its parts and never a run-together of them', () => {
    const expected = `W/"v${createHash('sha1').update('reader\u00007\u0000').digest('base64url')}"`;
    expect(versionEtag('reader', 7)).toBe(expected);
    expect(versionEtag('ab', 'c')).not.toBe(versionEtag('a', 'bc'));
  });

  it('is matched by If-None-Match with or without its weak prefix', () => {
    const tag = versionEtag('x');
    expect(ifNoneMatchHits(tag, tag)).toBe(true);
    expect(ifNoneMatchHits(tag.slice(2), tag)).toBe(true);
    expect(ifNoneMatchHits(versionEtag('y'), tag)).toBe(false);
  });
});

import { LRUCache } from 'lru-cache';
import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';

type Claims = Record<string, unknown> & { exp: number };

// A client sends one access token with every request until it expires: the tokens of this many recent readers
// are checked once, and only their expiry after that.
const VERIFIED_TOKENS = 10_000;

/**
 * HS256 verification with a key made once. jsonwebtoken tries `createPublicKey` on a string secret at
 * every verify before it falls back to a secret key, which cost ~15% of a feed read. The algorithm is
 * pinned (the header must say HS256), the signature compared in constant time against its canonical
 * base64url form, and `exp` (required) and `nbf` (when present) checked against `nowSec`.
 */
export class Hs256Verifier {
  private readonly key: KeyObject;
  private readonly verified = new LRUCache<string, Claims>({ max: VERIFIED_TOKENS });

  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /** The payload, or null for anything but a well-formed, correctly signed, current HS256 token. */
  verify(token: string, nowSec: number): Record<string, unknown> | null {
    // The whole token is the key: the same text is the same signature over the same claims.
    const known = this.verified.get(token);
    if (known) return nowSec < known.exp ? known : null;
    const claims = this.check(token, nowSec);
    if (claims) this.verified.set(token, Object.freeze(claims));
    return claims;
  }

  private check(token: string, nowSec: number): Claims | null {
    const headerEnd = token.indexOf('.');
    const payloadEnd = token.indexOf('.', headerEnd + 1);
    if (headerEnd < 1 || payloadEnd < 0 || token.indexOf('.', payloadEnd + 1) >= 0) return null;
    const expected = Buffer.from(createHmac('sha256', this.key).update(token.slice(0, payloadEnd)).digest('base64url'));
    const given = Buffer.from(token.slice(payloadEnd + 1));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const header = parseSegment(token.slice(0, headerEnd));
    if (header?.alg !== 'HS256') return null;
    const claims = parseSegment(token.slice(headerEnd + 1, payloadEnd));
    if (!claims || typeof claims.exp !== 'number' || nowSec >= claims.exp) return null;
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || nowSec < claims.nbf)) return null;
    return claims as Claims;
  }
}

function parseSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

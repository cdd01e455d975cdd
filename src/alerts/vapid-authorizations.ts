import webpush from 'web-push';
import type { VapidDetails } from '../push/vapid-keys.service';

const VAPID_EXPIRY_SECONDS = 12 * 3600;
const VAPID_REUSE_MARGIN_SECONDS = 3600;
// Push services are a handful of hosts (PUSH_ALLOWED_HOSTS); a bound all the same.
const MAX_CACHED_AUDIENCES = 1000;

/**
 * VAPID `Authorization` headers (RFC 8292: a JWT per push service origin, valid up to 24 h), signed with a
 * 12 h expiry and reused for their first 11 h: an ECDSA signature per push service and hour, not per push.
 */
export class VapidAuthorizations {
  private readonly cache = new Map<string, { value: string; expiresAtSec: number }>();

  forEndpoint(endpoint: string, vapid: VapidDetails, nowMs: number): string {
    const audience = new URL(endpoint).origin;
    const key = `${vapid.publicKey} ${audience}`;
    const nowSec = Math.floor(nowMs / 1000);
    const cached = this.cache.get(key);
    if (cached && cached.expiresAtSec - nowSec > VAPID_REUSE_MARGIN_SECONDS) return cached.value;
    const expiresAtSec = nowSec + VAPID_EXPIRY_SECONDS;
    const { Authorization } = webpush.getVapidHeaders(
      audience,
      vapid.subject,
      vapid.publicKey,
      vapid.privateKey,
      'aes128gcm',
      expiresAtSec,
    );
    if (this.cache.size >= MAX_CACHED_AUDIENCES) this.cache.clear();
    this.cache.set(key, { value: Authorization, expiresAtSec });
    return Authorization;
  }
}

import webpush from 'web-push';
import { VapidAuthorizations } from './vapid-authorizations';

const claims = (authorization: string): { aud: string; exp: number } => {
  const jwt = /^vapid t=([^,]+), k=/.exec(authorization)![1];
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as { aud: string; exp: number };
};

describe('VAPID authorizations', () => {
  const vapid = { subject: 'mailto:ops@example.test', ...webpush.generateVAPIDKeys() };
  // web-push refuses an expiry more than 24 h after the real now.
  const t0 = Math.floor(Date.now() / 1000) * 1000;

  it('signs once per push service and reuses the header for 11 of its 12 hours', () => {
    const cache = new VapidAuthorizations();
    const first = cache.forEndpoint('https://fcm.googleapis.com/fcm/send/a', vapid, t0);
    expect(claims(first)).toMatchObject({ aud: 'https://fcm.googleapis.com', exp: t0 / 1000 + 12 * 3600 });
    expect(cache.forEndpoint('https://fcm.googleapis.com/fcm/send/b', vapid, t0 + 11 * 3600_000 - 1000)).toBe(first);
    const renewed = cache.forEndpoint('https://fcm.googleapis.com/fcm/send/a', vapid, t0 + 11 * 3600_000);
    expect(renewed).not.toBe(first);
    expect(claims(renewed).exp).toBe(t0 / 1000 + 23 * 3600);
  });

  it('keeps one per audience and key pair', () => {
    const cache = new VapidAuthorizations();
    const fcm = cache.forEndpoint('https://fcm.googleapis.com/fcm/send/a', vapid, t0);
    const apple = cache.forEndpoint('https://web.push.apple.com/x', vapid, t0);
    expect(claims(apple).aud).toBe('https://web.push.apple.com');
    const other = { ...vapid, ...webpush.generateVAPIDKeys() };
    expect(cache.forEndpoint('https://fcm.googleapis.com/fcm/send/a', other, t0)).not.toBe(fcm);
  });
});

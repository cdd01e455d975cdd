import { isAllowedPushEndpoint, parseAllowedHosts } from './push-endpoint';

describe('push endpoint check', () => {
  const hosts = parseAllowedHosts('fcm.googleapis.com, updates.push.services.mozilla.com,web.push.apple.com,*.notify.windows.com');

  it('allows https on a listed host or a subdomain of a *. entry', () => {
    expect(isAllowedPushEndpoint('https://fcm.googleapis.com/fcm/send/abc', hosts, true)).toBe(true);
    expect(isAllowedPushEndpoint('https://web.push.apple.com/QX', hosts, true)).toBe(true);
    expect(isAllowedPushEndpoint('https://wns2-db5p.notify.windows.com/w/?token=x', hosts, true)).toBe(true);
  });

  it('refuses other hosts, schemes, lookalikes and credentials', () => {
    for (const endpoint of [
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://evil.example/fcm.googleapis.com',
      'https://fcm.googleapis.com.evil.example/x',
      'https://notify.windows.com/x',
      'https://evilnotify.windows.com/x',
      'https://user:pw@fcm.googleapis.com/x',
      'ftp://fcm.googleapis.com/x',
      'not a url',
      'https://169.254.169.254/latest',
    ]) {
      expect({ endpoint, ok: isAllowedPushEndpoint(endpoint, hosts, true) }).toEqual({ endpoint, ok: false });
    }
  });

  it('allows loopback http with a port outside production only', () => {
    expect(isAllowedPushEndpoint('http://127.0.0.1:4321/push/1', hosts, false)).toBe(true);
    expect(isAllowedPushEndpoint('http://localhost:4321/push/1', hosts, false)).toBe(true);
    expect(isAllowedPushEndpoint('http://127.0.0.1:4321/push/1', hosts, true)).toBe(false);
    expect(isAllowedPushEndpoint('http://127.0.0.1/push/1', hosts, false)).toBe(false);
    expect(isAllowedPushEndpoint('http://10.0.0.1:4321/push/1', hosts, false)).toBe(false);
  });
});

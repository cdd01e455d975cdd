/**
 * Where the server may send a push: https on an allowed host (`*.` for subdomains), so it can never be
 * made to call arbitrary hosts. Outside production, plain http on loopback with a port, for tests.
 */
export function isAllowedPushEndpoint(endpoint: string, allowedHosts: readonly string[], production: boolean): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (!production && url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost') && url.port !== '')
    return true;
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((allowed) => {
    const rule = allowed.trim().toLowerCase();
    if (!rule) return false;
    return rule.startsWith('*.') ? host.endsWith(rule.slice(1)) && host.length > rule.length - 1 : host === rule;
  });
}

export const parseAllowedHosts = (list: string): string[] =>
  list
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);

import type { FastifyRequest } from 'fastify';

/**
 * When the access token the guard accepted for this request expires (epoch ms), read from its
 * JWT payload: the guard has verified it already, here only the time is wanted.
 */
export function tokenExpiresAtMs(request: FastifyRequest): number | undefined {
  const header = request.headers.authorization;
  const query = (request.query as Record<string, unknown> | undefined)?.access_token;
  const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : typeof query === 'string' ? query : undefined;
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

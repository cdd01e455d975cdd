import type { FastifyRequest } from 'fastify';

export const QUERY_TOKEN_NAME = 'access_token';

/**
 * The value of `?access_token=` written literally, as EventSource clients send it. A name spelled
 * with escapes (`acc%65ss_token`) is not it: it would slip past log filters that look for the name.
 */
export function literalQueryToken(request: Pick<FastifyRequest, 'url'>): string | undefined {
  const start = request.url.indexOf('?');
  if (start < 0) return undefined;
  const values = request.url
    .slice(start + 1)
    .split('&')
    .filter((pair) => pair.startsWith(`${QUERY_TOKEN_NAME}=`))
    .map((pair) => pair.slice(QUERY_TOKEN_NAME.length + 1));
  if (values.length !== 1) return undefined;
  try {
    return decodeURIComponent(values[0].replace(/\+/g, ' ')) || undefined;
  } catch {
    return undefined;
  }
}

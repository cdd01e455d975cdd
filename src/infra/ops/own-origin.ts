import type { FastifyRequest } from 'fastify';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const changesState = (request: FastifyRequest): boolean => !SAFE_METHODS.has(request.method);

/** PUBLIC_URL's origin when set, else the scheme, host and port this request was sent to. */
function ownOrigin(request: FastifyRequest, publicUrl: string | undefined): string | undefined {
  return originOf(publicUrl ?? `${request.protocol}://${request.host}`);
}

function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether the browser says this request comes from a page of the API's own origin: its Origin header,
 * or failing that its Referer. Neither (or `Origin: null`) is not proof, so it is refused.
 */
export function comesFromOwnOrigin(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const { origin, referer } = request.headers;
  const stated = origin !== undefined ? originOf(origin) : typeof referer === 'string' ? originOf(referer) : undefined;
  return stated !== undefined && stated === ownOrigin(request, publicUrl);
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/**
 * Sends `body` as JSON with an ETag; answers 304 with no body when the client's If-None-Match
 * already names it. Returns what the Nest handler should return.
 */
export function jsonWithEtag(request: FastifyRequest, reply: FastifyReply, body: unknown): string {
  return jsonTextWithEtag(request, reply, JSON.stringify(body));
}

/**
 * jsonWithEtag for a body already written as JSON text. `etag` names its version when the caller knows it
 * without hashing the body; a client holding the body's own hash is still answered 304.
 */
export function jsonTextWithEtag(request: FastifyRequest, reply: FastifyReply, json: string, etag?: string): string {
  if (notModified(request, reply, etag ?? bodyEtag(json))) return '';
  if (etag && request.headers['if-none-match'] && notModified(request, reply, bodyEtag(json))) {
    void reply.header('etag', etag);
    return '';
  }
  void reply.type('application/json; charset=utf-8');
  return json;
}

/** A weak ETag naming whatever `parts` are the version of. */
export function versionEtag(...parts: (string | number)[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(String(part)).update('\0');
  return `W/"v${hash.digest('base64url')}"`;
}

/** Sets the ETag; true (and 304) when If-None-Match already names it: then send no body. */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  void reply.header('etag', etag).header('cache-control', 'private, no-cache');
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    void reply.status(304);
    return true;
  }
  return false;
}

const bodyEtag = (json: string) => `W/"${createHash('sha1').update(json).digest('base64url')}"`;

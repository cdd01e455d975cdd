import type { FastifyReply, FastifyRequest } from 'fastify';
import { hash } from 'node:crypto';

const ENTITY_TAG = /(?:W\/)?"([^"]*)"/g;

/**
 * If-None-Match uses the weak comparison (RFC 9110 §13.1.2): tags match when their opaque parts do,
 * whatever their W/ prefixes; `*` matches any current representation.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  for (const match of header.matchAll(ENTITY_TAG)) {
    if (`"${match[1]}"` === opaque) return true;
  }
  return false;
}

/**
 * Sends `body` as JSON with an ETag; answers 304 with no body when the client's If-None-Match
 * already names it. Returns what the Nest handler should return.
 */
export function jsonWithEtag(request: FastifyRequest, reply: FastifyReply, body: unknown): string {
  const json = JSON.stringify(body);
  const etag = `W/"${hash('sha1', json, 'base64url')}"`;
  // The type of the representation the 304 stands for; without it Fastify would label the empty body text/plain.
  void reply.header('etag', etag).header('cache-control', 'private, no-cache').type('application/json; charset=utf-8');
  if (ifNoneMatchHits(request.headers['if-none-match'], etag)) {
    void reply.status(304);
    return '';
  }
  return json;
}

/**
 * jsonWithEtag for a body already written as JSON text. `etag` names its version when the caller knows it
 * without hashing the body; a client holding the body's own hash is still answered 304.
 */
export function jsonTextWithEtag(request: FastifyRequest, reply: FastifyReply, json: string, etag?: string): string {
  const own = () => `W/"${hash('sha1', json, 'base64url')}"`;
  if (notModified(request, reply, etag ?? own())) return '';
  if (etag && request.headers['if-none-match'] && ifNoneMatchHits(request.headers['if-none-match'], own())) {
    void reply.status(304);
    return '';
  }
  return json;
}

/** A weak ETag naming whatever `parts` are the version of. */
export function versionEtag(...parts: (string | number)[]): string {
  // One call into native code: a feed page names ~50 parts.
  return `W/"v${hash('sha1', `${parts.join('\0')}\0`, 'base64url')}"`;
}

/** Sets the ETag; true (and 304) when If-None-Match already names it: then send no body. */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  void reply.header('etag', etag).header('cache-control', 'private, no-cache').type('application/json; charset=utf-8');
  if (ifNoneMatchHits(request.headers['if-none-match'], etag)) {
    void reply.status(304);
    return true;
  }
  return false;
}

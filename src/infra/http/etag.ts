import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/**
 * Sends `body` as JSON with an ETag; answers 304 with no body when the client's If-None-Match
 * already names it. Returns what the Nest handler should return.
 */
export function jsonWithEtag(request: FastifyRequest, reply: FastifyReply, body: unknown): string {
  return jsonTextWithEtag(request, reply, JSON.stringify(body));
}

/** jsonWithEtag for a body already written as JSON text. */
export function jsonTextWithEtag(request: FastifyRequest, reply: FastifyReply, json: string): string {
  const etag = `W/"${createHash('sha1').update(json).digest('base64url')}"`;
  void reply.header('etag', etag).header('cache-control', 'private, no-cache');
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    void reply.status(304);
    return '';
  }
  void reply.type('application/json; charset=utf-8');
  return json;
}

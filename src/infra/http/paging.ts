import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The paging fields of a list route's query: `limit` 1..`maxLimit` (default 20) and an opaque `cursor`. A route
 * with a smaller bound extends `pageQuery(n)` rather than re-declaring `limit` in a subclass of PageQuery:
 * class-validator keeps a subclass's validators of a property and drops every inherited one of the same kind
 * (`@IsInt`, `@Min`, `@Max` are all one kind), so an override `@Max(50)` alone let `limit=0` through to a 500.
 */
export function pageQuery(maxLimit: number) {
  class PageFields {
    @ApiPropertyOptional({ minimum: 1, maximum: maxLimit, default: 20 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxLimit)
    limit: number = 20;

    @ApiPropertyOptional({ description: 'Opaque cursor from a previous nextCursor' })
    @IsOptional()
    @IsString()
    @MaxLength(512)
    cursor?: string;
  }
  return PageFields;
}

/** `limit` 1..100 (default 20) and an opaque `cursor`, for list routes. */
export class PageQuery extends pageQuery(100) {}

/** Cursors are base64url JSON: opaque to clients, and a tampered one is a 400, never a 500. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, isValid: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isValid(value)) {
    throw new AppError(400, 'VALIDATION_FAILED', 'cursor is not a cursor this list gave out', [{ field: 'cursor', message: 'is invalid' }]);
  }
  return value;
}

const CURSOR_TIME = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A cursor time as list cursors carry it (Postgres' microsecond UTC text): a real instant
 * (no February 30) in a year Postgres takes (0000 is valid ISO but not to Postgres).
 */
export function isCursorTime(t: string): boolean {
  const match = CURSOR_TIME.exec(t);
  if (!match || Number(match[1]) < 1) return false;
  const millis = Date.parse(t.slice(0, 23) + 'Z');
  return !Number.isNaN(millis) && new Date(millis).toISOString().slice(0, 23) === t.slice(0, 23);
}

/** A list route's answer: the page, with its `Link: rel="next"` header set. */
export function withNextLink<T extends Page<unknown>>(request: FastifyRequest, reply: FastifyReply, page: T): T {
  setNextLink(request, reply, page.nextCursor);
  return page;
}

/** Adds `Link: <...>; rel="next"` when there is a next page. */
export function setNextLink(request: FastifyRequest, reply: FastifyReply, nextCursor: string | null): void {
  if (!nextCursor) return;
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.set('cursor', nextCursor);
  void reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
}

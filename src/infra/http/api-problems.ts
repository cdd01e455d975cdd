import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

type Operation = {
  security?: Record<string, string[]>[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
};

/** 429 and 503 say when to try again. */
const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', example: 5 } },
};

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';

/** The RFC 9457 document of every error answer (see problem.ts). */
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem document: the body of every error answer',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string', enum: ['about:blank'] },
    title: { type: 'string', description: 'the HTTP status text', example: 'Not Found' },
    status: { type: 'integer', example: 404 },
    code: { type: 'string', description: 'stable UPPER_SNAKE machine code', example: 'TOPIC_NOT_FOUND' },
    detail: { type: 'string', description: 'a human sentence', example: 'The topic was not found.' },
    errors: {
      type: 'array',
      description: 'only with VALIDATION_FAILED: each invalid field, named by its path (events.0.type)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', example: 'email' }, message: { type: 'string', example: 'must be an email' } },
      },
    },
  },
};

const DEFAULT_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'DEPENDENCY_UNAVAILABLE',
};

/** A status alone (its usual code), or a status with the route's own code(s) and an optional explanation. */
export type ProblemAnswer = number | [status: number, code: string, why?: string];

const problemContent = (status: number, code: string) => ({
  [PROBLEM_MEDIA_TYPE]: {
    schema: { $ref: PROBLEM_REF },
    example: { type: 'about:blank', title: STATUS_CODES[status], status, code: code.split(/[^A-Z_]/)[0], detail: '…' },
  },
});

/** Documents a route's error answers as problem+json, e.g. `@ApiProblems(403, [404, 'TOPIC_NOT_FOUND'])`. */
export function ApiProblems(...answers: ProblemAnswer[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...answers.map((answer) => {
      const [status, code, why] = typeof answer === 'number' ? [answer, DEFAULT_CODES[answer] ?? 'BAD_REQUEST'] : answer;
      return ApiResponse({ status, description: why ? `${code}: ${why}` : code, content: problemContent(status, code) });
    }),
  );
}

const GENERIC: Record<number, string> = {
  400: 'VALIDATION_FAILED: an unknown or invalid query parameter or body field (errors[] names each)',
  401: 'UNAUTHORIZED: the access token is missing, invalid or expired',
  408: 'REQUEST_TIMEOUT: the body did not arrive within the request timeout (30 s)',
  413: 'PAYLOAD_TOO_LARGE: the body is over 1 MiB',
  415: 'UNSUPPORTED_MEDIA_TYPE: the body is not application/json',
  503: 'DEPENDENCY_UNAVAILABLE: Postgres or Redis is down (Retry-After)',
};

/**
 * Adds what holds for every /v1 route (400 for unknown parameters, 503 when a dependency is down,
 * 401 where a token is used, 408/413/415 where a body is taken), gives every error answer of the
 * document, including ones declared without a schema, the problem+json body, and 429/503 Retry-After.
 */
export function withProblemAnswers(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, Problem: PROBLEM_SCHEMA };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as Operation[]) {
      if (!operation?.responses) continue;
      if (path.startsWith('/v1/')) {
        const generic = [400, 503];
        if (operation.security?.some((scheme) => 'bearer' in scheme)) generic.push(401);
        if (operation.requestBody) generic.push(408, 413, 415);
        for (const status of generic) operation.responses[status] ??= { description: GENERIC[status] };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && !response.content) {
          response.content = problemContent(
            Number(status),
            response.description?.match(/^[A-Z_]+/)?.[0] ?? DEFAULT_CODES[Number(status)] ?? 'BAD_REQUEST',
          );
        }
        if (status === '429' || status === '503') response.headers = { ...RETRY_AFTER, ...response.headers };
      }
    }
  }
  return document;
}

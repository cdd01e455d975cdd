import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { AppError, FieldError } from './app-error';

export interface Problem {
  type: 'about:blank';
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
}

export interface ProblemAnswer {
  problem: Problem;
  headers: Record<string, string>;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'DEPENDENCY_UNAVAILABLE',
};

const FASTIFY_CODES: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is larger than 1 MiB.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'Send the request body as application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    detail: 'The body is declared as JSON but is empty.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'MALFORMED_JSON',
    detail: 'The Content-Length does not match the body.',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'VALIDATION_FAILED', detail: 'The URL path is not validly percent-encoded.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', detail: 'The body is not valid JSON.' },
};

// Errors of the Postgres and Redis clients that mean "the dependency is unreachable or too slow", not "bad request".
const DEPENDENCY_DOWN =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|EPIPE|Connection is closed|Connection terminated|connect ECONN|the database system is|too many clients|MaxRetriesPerRequest|Stream isn't writeable|Command timed out|timeout exceeded when trying to connect|Query read timeout|terminating connection|Client has encountered a connection error|Connection lost/i;

// SQLSTATEs of the same: connection exceptions (08), too many connections, a lock or statement
// timeout (our bounded waits), the server shutting down or starting (57P0x).
const DEPENDENCY_DOWN_SQLSTATE = /^(08...|53300|55P03|57014|57P0[1-4])$/;

function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, code, detail, ...(errors ? { errors } : {}) };
}

/** Maps anything thrown while serving a request to the problem document the contract describes. */
export function toProblem(error: unknown): ProblemAnswer {
  if (error instanceof AppError) {
    return { problem: problem(error.status, error.code, error.detail, error.errors), headers: error.headers };
  }
  const err = error as { code?: string; statusCode?: number; status?: number; message?: string; name?: string };
  // Nest's Fastify adapter wraps Fastify's body-parser errors in an HttpException, keeping them as cause.
  const cause = error instanceof HttpException ? (error.cause as { code?: string } | undefined) : undefined;
  const fastifyCode = err?.code ?? cause?.code;
  const fastify = fastifyCode ? FASTIFY_CODES[fastifyCode] : undefined;
  if (fastify) return { problem: problem(fastify.status, fastify.code, fastify.detail), headers: {} };
  if (error instanceof SyntaxError || (err?.statusCode === 400 && err?.name === 'SyntaxError')) {
    return { problem: problem(400, 'MALFORMED_JSON', 'The body is not valid JSON.'), headers: {} };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      const code = CODE_BY_STATUS[status] ?? 'BAD_REQUEST';
      const detail = status === 404 ? 'No such route.' : status === 405 ? 'No such route.' : error.message;
      return { problem: problem(status === 405 ? 404 : status, code, detail), headers: {} };
    }
  }
  const status = err?.statusCode ?? err?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { problem: problem(status, CODE_BY_STATUS[status] ?? 'BAD_REQUEST', STATUS_CODES[status] ?? 'Bad request'), headers: {} };
  }
  const code = String(err?.code ?? '');
  if (DEPENDENCY_DOWN.test(String(err?.message ?? '')) || DEPENDENCY_DOWN.test(code) || DEPENDENCY_DOWN_SQLSTATE.test(code)) {
    return {
      problem: problem(503, 'DEPENDENCY_UNAVAILABLE', 'A backing service is unavailable; try again shortly.'),
      headers: { 'retry-after': '5' },
    };
  }
  return { problem: problem(500, 'INTERNAL', 'Something went wrong on our side.'), headers: {} };
}

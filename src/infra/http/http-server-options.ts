import { Logger } from '@nestjs/common';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { AppConfig } from '../config/app-config';
import { sendProblem } from './problem.filter';
import { clientErrorAsProblem } from './raw-problem';
import { requestIdFor } from './request-id';

const BODY_LIMIT = 1024 * 1024;

type SecurityHook = (request: FastifyRequest, response: ServerResponse) => unknown;

/**
 * Fastify's and Node's server options: body limit, request ids, timeouts, and problem documents
 * for the rejections made before any route or hook runs. `adapter()` is the adapter being built.
 */
export function httpServerOptions(config: AppConfig, adapter: () => FastifyAdapter) {
  const logger = new Logger('http');
  const timeout = config.REQUEST_TIMEOUT_MS;
  return {
    bodyLimit: BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    genReqId: requestIdFor,
    // Path parameters longer than find-my-way's default 100 would be 414s; the contract wants the resource's 404.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 16 * 1024 },
    // Node, not Fastify, cuts off a request whose headers or body have not arrived in time (408). It only
    // looks every connectionsCheckingInterval (30 s by default): checking often keeps the bound near `timeout`.
    requestTimeout: timeout,
    http: {
      requestTimeout: timeout,
      headersTimeout: timeout,
      connectionsCheckingInterval: Math.round(Math.max(100, Math.min(5000, timeout / 6))),
    },
    clientErrorHandler: clientErrorAsProblem,
    // A malformed URL is refused by the router before any hook: answer it as a problem document, with
    // the security headers Nest's hook would have written.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      (adapter() as unknown as { securityHook?: SecurityHook }).securityHook?.(request, reply.raw);
      sendProblem(error, request, reply, logger);
    },
  };
}

import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { redactUrl, serializeError } from '../logging/log-redaction';
import { toProblem } from './problem';

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { problem, headers } = toProblem(error);
  if (problem.status >= 500) {
    logger.error({ err: serializeError(error), reqId: request.id, url: redactUrl(request.url) }, 'request failed');
  }
  void reply.status(problem.status).headers(headers).type('application/problem+json').send(JSON.stringify(problem));
}

/** The one place where every error of a Nest route becomes application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

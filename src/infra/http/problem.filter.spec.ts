import type { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { sendProblem } from './problem.filter';

describe('sendProblem logging of a 5xx', () => {
  it('logs neither the query token (however its name is spelled) nor bound SQL parameters', () => {
    const logged: unknown[] = [];
    const logger = { error: (...args: unknown[]) => logged.push(args) } as unknown as Logger;
    const reply = { status: () => reply, headers: () => reply, type: () => reply, send: () => reply } as unknown as FastifyReply;
    const request = { id: 'r1', url: '/v1/feed/stream?acc%65ss_token=secret-token-value' } as FastifyRequest;
    const error = new QueryFailedError('SELECT 1 WHERE $1', ['$argon2id$v=19$hash-value'], new Error('boom'));
    sendProblem(error, request, reply, logger);
    const text = JSON.stringify(logged);
    expect(logged).toHaveLength(1);
    expect(text).not.toContain('secret-token-value');
    expect(text).not.toContain('hash-value');
    expect(text).toContain('QueryFailedError');
  });
});

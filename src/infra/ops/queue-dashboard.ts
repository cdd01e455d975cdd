import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardAdapter } from '@bull-board/fastify';
import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../http/app-error';
import { sendProblem } from '../http/problem.filter';
import type { AdminGate } from './admin-gate';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board under /admin/queues. The admin check is an onRequest hook of the prefix's own
 * plugin scope, so it guards the page, its static assets, its API calls and unknown paths alike.
 */
export function registerQueueDashboard(fastify: FastifyInstance, queues: Queue[], gate: AdminGate): void {
  const logger = new Logger('queue-dashboard');
  const board = new BullBoardAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'myNEWS queues' } },
  });
  fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        try {
          await gate.admit(request);
        } catch (error) {
          sendProblem(error, request, reply, logger);
          return reply;
        }
      });
      // Unknown paths under the prefix get this scope's 404, so they too pass the admin check first.
      scope.setNotFoundHandler((request, reply) => {
        sendProblem(new AppError(404, 'NOT_FOUND', 'No such route.'), request, reply, logger);
      });
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}

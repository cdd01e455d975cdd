import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '../config/app-config';
import { answerMetrics } from './metrics-answer';
import { Metrics } from './metrics';

/** The worker has no HTTP API, so it serves GET /metrics on WORKER_METRICS_PORT (0: not at all). */
@Injectable()
export class WorkerMetricsServer implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  /** Resolves with the port listened on, or undefined when disabled. */
  async listen(): Promise<number | undefined> {
    if (!this.config.WORKER_METRICS_PORT) return undefined;
    const server = createServer((req, res) => void this.answer(req, res));
    const port = this.config.WORKER_METRICS_PORT;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`WORKER_METRICS_PORT ${port} is in use: choose another, or 0 for no metrics server`)
            : error,
        ),
      );
      server.listen(port, '0.0.0.0', () => resolve());
    });
    this.server = server;
    const bound = (server.address() as AddressInfo).port;
    this.logger.log(`Worker metrics on :${bound}/metrics`);
    return bound;
  }

  onApplicationShutdown(): void {
    this.server?.close();
    this.server?.closeAllConnections();
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: try GET /metrics\n');
      return;
    }
    try {
      const answer = await answerMetrics(this.metrics, this.config.METRICS_TOKEN, req.headers.authorization);
      res.writeHead(answer.status, answer.headers).end(req.method === 'HEAD' ? undefined : answer.body);
    } catch (error) {
      this.logger.error({ err: error }, 'metrics scrape failed');
      res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
    }
  }
}

import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RedisClient } from '../redis/redis';
import { DataSource } from 'typeorm';
import { Public } from '../../auth/auth.decorators';
import { postgresAdmin } from '../database/postgres-admin.repository';
import { REDIS } from '../redis/redis.module';

const TIMEOUT_MS = 2000;

const CHECKS = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } } },
};
/** Terminus's body: `info` the dependencies that are up, `error` those that are down, `details` all of them. */
const READINESS = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['ok', 'error'] }, info: CHECKS, error: CHECKS, details: CHECKS },
  example: {
    status: 'ok',
    info: { postgres: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } },
    error: {},
    details: { postgres: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'up' } },
  },
};

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process runs', schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } } })
  live() {
    return { status: 'ok' };
  }

  /** 200, or 503 with the same body naming each dependency's state (not a problem document: probes read it). */
  @Get('ready')
  // Terminus would add its own schema only where it can require() @nestjs/swagger (not in every runtime): ours is below.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Postgres and Redis answer and no migration is pending', schema: READINESS })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down or migrations are pending: the same body, naming each one (not a problem document)',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', example: 5 } } },
    schema: READINESS,
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return await this.checkAll();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503).header('retry-after', '5');
      return error.getResponse();
    }
  }

  private checkAll() {
    return this.health.check([
      () => this.probe('postgres', () => postgresAdmin.ping(this.dataSource)),
      () => this.probe('redis', () => this.redis.ping()),
      () =>
        this.probe('migrations', async () => {
          if (await this.dataSource.showMigrations()) throw new Error('migrations are pending');
        }),
    ]);
  }

  private async probe(key: string, check: () => Promise<unknown>) {
    const session = this.indicator.check(key);
    try {
      await withTimeout(check());
      return session.up();
    } catch (error) {
      return session.down({ message: (error as Error).message });
    }
  }
}

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessTokenService } from '../../auth/access-token.service';
import { AuthRateLimits } from '../../auth/auth-rate-limits.service';
import { LoginCheck } from '../../auth/login-check.service';
import { PasswordHasher } from '../../auth/password-hasher.service';
import { UsersService } from '../../users/users.service';
import { AppConfig } from '../config/app-config';
import { registerHttpMetrics } from '../metrics/http-metrics';
import { Metrics } from '../metrics/metrics';
import { JobProducer } from '../queues/job-producer.service';
import { AdminGate } from './admin-gate';
import { registerQueueDashboard } from './queue-dashboard';

/**
 * Operator-facing parts of the HTTP app, on the Fastify instance (before Nest adds its routes, so the
 * hooks cover them): x-request-id on every answer, HTTP timing and GET /metrics, the queue dashboard.
 */
export function registerOperations(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const config = app.get(AppConfig);
  // Fastify's genReqId (app factory) takes the caller's x-request-id or makes one; the logs carry it too.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  registerHttpMetrics(fastify, app.get(Metrics), config.METRICS_TOKEN);
  // strict: false reaches providers AuthModule keeps to itself; the gate needs the same checks as its guard.
  const gate = new AdminGate({
    tokens: app.get(AccessTokenService, { strict: false }),
    users: app.get(UsersService, { strict: false }),
    logins: app.get(LoginCheck, { strict: false }),
    hasher: app.get(PasswordHasher, { strict: false }),
    limits: app.get(AuthRateLimits, { strict: false }),
    publicUrl: config.PUBLIC_URL,
  });
  registerQueueDashboard(fastify, app.get(JobProducer).allQueues(), gate);
}

import type { AppConfig } from '../../infra/config/app-config';
import { DEMO_PASSWORD, SEED_USERS } from '../../../seeds/users';
import type { FeedCard } from './demo-client';

/** What the demo prints once it serves: where everything is, who can sign in, and a sample feed. */
export function demoReport(config: AppConfig, baseUrl: string, reader: string, feed: FeedCard[]): string {
  const width = String(feed.length).length;
  const admin = config.ADMIN_EMAIL
    ? `${config.ADMIN_EMAIL} (admin), with the password in ADMIN_PASSWORD`
    : 'none: set ADMIN_EMAIL and ADMIN_PASSWORD to have one (the queue dashboard needs an admin)';
  return [
    '',
    'myNEWS is running: the API and the fan-out workers, in this process.',
    `  Web reader      ${baseUrl}/    (sign in with a demo login below)`,
    `  API             ${baseUrl}/v1    (e.g. ${baseUrl}/v1/topics)`,
    `  OpenAPI         ${baseUrl}/docs    (document: ${baseUrl}/docs-json)`,
    `  Queues          ${baseUrl}/admin/queues    (admins only)`,
    `  Metrics         ${baseUrl}/metrics` + (config.METRICS_TOKEN ? '    (Bearer METRICS_TOKEN)' : ''),
    `  Health          ${baseUrl}/health/live, ${baseUrl}/health/ready`,
    `  Database        ${redactedUrl(config.DATABASE_URL)}; Redis ${redactedUrl(config.REDIS_URL)} (key prefix ${config.REDIS_PREFIX})`,
    '',
    `Demo logins, password "${DEMO_PASSWORD}" (demo data only):`,
    ...SEED_USERS.map((u) => `  ${u.email.padEnd(22)} ${u.role}`),
    `  admin: ${admin}`,
    '',
    `The latest in ${reader}'s feed (GET /v1/feed?mode=latest):`,
    ...(feed.length
      ? feed.map((card, i) => `  ${String(i + 1).padStart(width)}. ${card.headline}  [${card.topics.map((t) => t.name).join(', ')}]`)
      : ['  (empty)']),
    '',
    'Try it:',
    `  curl -s -X POST ${baseUrl}/v1/auth/login -H 'content-type: application/json' \\`,
    `       -d '{"email":"${reader}","password":"${DEMO_PASSWORD}"}'`,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}

function redactedUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}

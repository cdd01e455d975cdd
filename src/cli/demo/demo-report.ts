import type { AppConfig } from '../../infra/config/app-config';
import { DEMO_PASSWORD, SEED_USERS } from '../../../seeds/users';
import type { FeedCard } from './demo-client';

/** What the demo prints once it serves: where everything is, who can sign in, and a sample feed. */
export function demoReport(config: AppConfig, baseUrl: string, reader: { email: string; token: string }, feed: FeedCard[]): string {
  const width = String(feed.length).length;
  const admin = config.ADMIN_PASSWORD === DEMO_PASSWORD ? 'admin' : 'admin (password: ADMIN_PASSWORD)';
  const minutes = Math.round(config.JWT_ACCESS_TTL_SECONDS / 60);
  return [
    '',
    'myNEWS is running: the API and the fan-out workers, in this process.',
    `  Web reader      ${baseUrl}/    (sign in with a demo login below)`,
    `  API             ${baseUrl}/v1    (e.g. ${baseUrl}/v1/topics)`,
    `  OpenAPI         ${baseUrl}/docs    (document: ${baseUrl}/docs-json)`,
    `  Queues          ${baseUrl}/admin/queues    (admins only)`,
    `  Metrics         ${baseUrl}/metrics` + (config.METRICS_TOKEN ? '    (Bearer METRICS_TOKEN)' : ''),
    `  Health          ${baseUrl}/health/live, ${baseUrl}/health/ready`,
    `  Database        ${redactedUrl(config.DATABASE_URL)}; ${redisTarget(config)} (key prefix ${config.REDIS_PREFIX})`,
    '',
    `Demo logins, password "${DEMO_PASSWORD}" (demo data only):`,
    ...SEED_USERS.map((u) => `  ${u.email.padEnd(22)} ${u.role}`),
    ...(config.ADMIN_EMAIL ? [`  ${config.ADMIN_EMAIL.padEnd(22)} ${admin}, also for ${baseUrl}/admin/queues`] : []),
    '',
    `The latest in ${reader.email}'s feed (GET /v1/feed?mode=latest):`,
    ...(feed.length
      ? feed.map(
          (card, i) =>
            `  ${String(i + 1).padStart(width)}. ${card.headline}  [${card.topics.map((t) => t.name).join(', ')}]` +
            (card.storyCount ? `  (a story of ${card.storyCount} articles, shown once)` : ''),
        )
      : ['  (empty)']),
    '',
    `Read that feed yourself, with ${reader.email}'s access token (valid ${minutes} minutes):`,
    `  curl -s '${baseUrl}/v1/feed?limit=5' -H 'authorization: Bearer ${reader.token}'`,
    'A fresh token (tokens.accessToken in the answer):',
    `  curl -s -X POST ${baseUrl}/v1/auth/login -H 'content-type: application/json' \\`,
    `       -d '{"email":"${reader.email}","password":"${DEMO_PASSWORD}"}'`,
    `All routes: ${baseUrl}/docs, or docs/api.md in the repository.`,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}

function redisTarget(config: AppConfig): string {
  const cluster = config.redisCluster;
  if (!cluster) return `Redis ${redactedUrl(config.REDIS_URL)}`;
  return `Redis Cluster ${cluster.nodes.map((n) => `${n.host}:${n.port}`).join(', ')}`;
}

function redactedUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}

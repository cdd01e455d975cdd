// The second pass of npm test: the Redis-touching integration and e2e suites again, on a local 3-master Redis
// Cluster (scripts/redis-cluster.mjs), started before and stopped after by the global setup below: feeds and their
// rebuilds, fan-out and its crash tests, the card cache, live updates, rate limits, alerts, the feed CLI and the seed.
// Left on one Redis: the suites that start a redis-server of their own to pause, kill or flush it
// (fanout-outbox, dependency-failures, redis-errors-logged), and those whose Redis use the listed ones already cover
// (accounts, topics, articles, ranking, ... go through the same clients and keys), to keep CI short.
const base = require('./jest.config.cjs');
const project = (name) => base.projects.find((p) => p.displayName === name);

const integration = [
  'alerts-crash',
  'card-cache',
  'card-cache-race',
  'cli-feed-rebuild',
  'fanout-chunk',
  'fanout-crash',
  'fanout-sweep',
  'feed-rebuild',
  'seed-cli',
];
const e2e = [
  'alerts',
  'auth-rate-limits',
  'catch-up',
  'feed',
  'feed-stories',
  'feed-stream',
  'feed-stream-limits',
  'feed-stream-processes',
  'feed-watermark',
  'health',
  'ranked-top-merge',
  'reader-state',
];

module.exports = {
  testTimeout: base.testTimeout,
  globalSetup: '<rootDir>/test/support/redis-cluster.global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/redis-cluster.global-teardown.mjs',
  projects: [
    {
      ...project('integration'),
      displayName: 'integration-cluster',
      testMatch: integration.map((n) => `<rootDir>/test/integration/${n}.spec.ts`),
    },
    { ...project('e2e'), displayName: 'e2e-cluster', testMatch: e2e.map((n) => `<rootDir>/test/e2e/${n}.e2e-spec.ts`) },
  ],
};

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { AppConfig } from '../../src/infra/config/app-config';
import { cli, useCliEnv } from '../support/cli-runner';
import { removeTestData, testConfig } from '../support/test-app';

const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), METRICS_TOKEN: 'a-metrics-token-for-the-test' };

describe('demo accounts in production', () => {
  let config: AppConfig;
  let restoreEnv: () => void;

  beforeAll(() => {
    config = testConfig();
    restoreEnv = useCliEnv(config, PRODUCTION);
  });
  afterAll(async () => {
    restoreEnv();
    await removeTestData(config);
  });

  it.each([['seed'], ['demo']])('%s is refused with NODE_ENV=production and creates no account', async (command) => {
    const run = await cli(command);
    expect(run.exitCode).not.toBe(0);
    expect(run.err).toMatch(/production/i);
    expect(run.err).not.toMatch(/\n\s+at /);
    // Nothing was created: the database may not even exist.
    const db = new Client({ connectionString: config.DATABASE_URL });
    const connected = await db.connect().then(
      () => true,
      () => false,
    );
    if (connected) {
      const exists = await db.query(`SELECT to_regclass('users') IS NOT NULL AS present`);
      if (exists.rows[0].present) {
        expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@mynews.local'`)).rows[0].n).toBe(0);
      }
      await db.end();
    }
  });
});

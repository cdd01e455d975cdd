import { verify } from '@node-rs/argon2';
import { Client } from 'pg';
import { AppConfig } from '../../src/infra/config/app-config';
import { storyMembersKey } from '../../src/articles/story-members.service';
import { createRedisClient } from '../../src/infra/redis/redis';
import { RedisKeys } from '../../src/infra/redis/redis.module';
import { SEED_STORY_KEY } from '../../seeds/articles';
import { cli, useCliEnv } from '../support/cli-runner';
import { removeTestData, testConfig } from '../support/test-app';
import { freePort } from '../support/free-port';

describe('cli', () => {
  let config: AppConfig;
  let db: Client;
  let restoreEnv: () => void;

  beforeAll(async () => {
    config = testConfig();
    // The CLI reads its configuration from the environment, like the compiled one does.
    restoreEnv = useCliEnv(config);
    const seeded = await cli('seed');
    expect(seeded.exitCode).toBe(0);
    db = new Client({ connectionString: config.DATABASE_URL });
    await db.connect();
  });

  afterAll(async () => {
    restoreEnv();
    await db?.end();
    await removeTestData(config);
  });

  it('seed creates nothing the second time and says so', async () => {
    const run = await cli('seed');
    expect(run.exitCode).toBe(0);
    expect(run.out).toContain('articles  0 created');
    expect(run.out).toContain('reader@mynews.local (reader)');
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM articles WHERE external_id LIKE 'seed:%'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(40);
  });

  it("seed drops the seed stories' cached members (Redis), so the next read fills them from what it wrote", async () => {
    const redis = createRedisClient(config, {}, { name: 'test' });
    try {
      const key = storyMembersKey(new RedisKeys(config), SEED_STORY_KEY);
      // A list cached before the seed: as a database made again under the same Redis would leave it.
      await redis.hset(key, { g: '5', m: '1,2,3' });
      const run = await cli('seed');
      expect(run.exitCode).toBe(0);
      expect(run.out).toContain('stories   1 cached member lists dropped');
      // Gone, and the generation moved, so a fill begun before the seed cannot put it back.
      expect(await redis.hmget(key, 'g', 'm')).toEqual(['6', null]);
    } finally {
      await redis.quit();
    }
  });

  it('user:create without --password prints the id and a generated password that signs in', async () => {
    const run = await cli('user:create', '--email', '  New.Editor@Example.com ', '--role', 'editor');
    expect(run.exitCode).toBe(0);
    const id = /with id (\d+)/.exec(run.out)?.[1];
    const password = /Generated password \(shown only now\): (\S+)/.exec(run.out)?.[1];
    expect(id).toBeDefined();
    expect(password).toBeDefined();
    const { rows } = await db.query(`SELECT email, role, display_name, password_hash FROM users WHERE id = $1`, [id]);
    expect(rows[0]).toMatchObject({ email: 'new.editor@example.com', role: 'editor', display_name: 'new.editor' });
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    await expect(verify(rows[0].password_hash, password as string)).resolves.toBe(true);
  });

  it('user:create with --password and --name uses them and prints no password', async () => {
    const run = await cli(
      'user:create',
      '--email',
      'boss@example.com',
      '--role',
      'admin',
      '--password',
      'a-long-password',
      '--name',
      'The Boss',
    );
    expect(run.exitCode).toBe(0);
    expect(run.out).not.toContain('password');
    const { rows } = await db.query(`SELECT role, display_name, password_hash FROM users WHERE email = 'boss@example.com'`);
    expect(rows[0]).toMatchObject({ role: 'admin', display_name: 'The Boss' });
    await expect(verify(rows[0].password_hash, 'a-long-password')).resolves.toBe(true);
  });

  it('user:create refuses a taken email, a short password and an unknown role, changing nothing', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM users`);
    const taken = await cli('user:create', '--email', 'READER@mynews.local', '--role', 'admin');
    expect(taken.exitCode).toBe(1);
    expect(taken.err).toContain('error: a user with email reader@mynews.local already exists');
    const short = await cli('user:create', '--email', 'short@example.com', '--role', 'reader', '--password', 'short');
    expect(short.exitCode).toBe(1);
    expect(short.err).toContain('error: --password must be 8..128 characters');
    const badEmail = await cli('user:create', '--email', 'not-an-email', '--role', 'reader');
    expect(badEmail.exitCode).toBe(1);
    const role = await cli('user:create', '--email', 'role@example.com', '--role', 'boss');
    expect(role.exitCode).toBe(1);
    expect(role.err).toContain('Allowed choices are reader, editor, admin');
    const after = await db.query(`SELECT count(*)::int AS n FROM users`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const { rows } = await db.query(`SELECT role FROM users WHERE email = 'reader@mynews.local'`);
    expect(rows[0].role).toBe('reader');
  });

  it('names the unreachable Postgres address and how to start it', async () => {
    const port = await freePort();
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/mynews_unreachable`;
    try {
      const run = await cli('seed');
      expect(run.exitCode).toBe(1);
      expect(run.err).toContain(`PostgreSQL is not reachable at 127.0.0.1:${port} (DATABASE_URL)`);
      expect(run.err).toContain('docker compose up -d postgres');
    } finally {
      process.env.DATABASE_URL = config.DATABASE_URL;
    }
  });
});

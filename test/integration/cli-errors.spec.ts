import { cli, useCliEnv } from '../support/cli-runner';
import { removeTestData, testConfig } from '../support/test-app';

/** The README: bad input ends a command with exit code 1 and one line naming the problem. */
describe('CLI errors', () => {
  const config = testConfig();
  let restoreEnv: () => void;
  beforeAll(() => {
    restoreEnv = useCliEnv(config);
  });
  afterAll(async () => {
    restoreEnv();
    await removeTestData(config);
  });

  const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

  it.each([
    [['no-such-command'], /unknown command 'no-such-command'/],
    [['jobs:retry'], /required option '--queue <name>' not specified/],
    [['feed:rebuild', '--user', 'nope'], /'--user <id>' argument 'nope' is invalid/],
    [['user:create', '--email', 'a@b.c', '--role', 'king'], /argument 'king' is invalid/],
    [['feed:rebuild', '--all', '--batch', '0'], /'--batch <n>' argument '0' is invalid/],
    [['user:create', '--email', 'bad', '--role', 'reader'], /"bad" is not an email address/],
  ])('%j: exit 1 and one line', async (args, message) => {
    const run = await cli(...args);
    expect(run.exitCode).toBe(1);
    expect(lines(run.err)).toHaveLength(1);
    expect(run.err).toMatch(message);
    expect(run.out).toBe('');
  });

  it('names a bad environment variable on one line', async () => {
    const restore = useCliEnv(config, { FEED_MAX_ITEMS: '0' });
    try {
      const run = await cli('seed');
      expect(run.exitCode).toBe(1);
      expect(lines(run.err)).toEqual([expect.stringMatching(/^Invalid configuration: FEED_MAX_ITEMS: /)]);
    } finally {
      restore();
    }
  });
});

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Newsroom } from '../support/newsroom';
import { waitForQueuesIdle } from '../support/queues';
import { startTestApp, TestApp } from '../support/test-app';
import { listen } from './feed-stream-sse-client';

const run = promisify(execFile);
const node = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 });

// Strict, as a client project would compile; the DOM lib for fetch's types, as openapi-fetch expects.
const CLIENT_TSCONFIG = {
  compilerOptions: {
    strict: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    types: ['node'],
    skipLibCheck: true,
    noEmitOnError: true,
    outDir: '.',
  },
  files: ['feed-reader.ts'],
};

/**
 * docs/openapi.json → openapi-typescript → a strict TypeScript client program (test/typed-client/feed-reader.ts)
 * using openapi-fetch → run against the live app with workers. The generated types stay in a temporary
 * folder (inside the repo, so the program resolves openapi-fetch and @types/node), removed afterwards.
 */
describe('a client typed from docs/openapi.json', () => {
  let t: TestApp;
  let base: string;
  let topic: string;
  let published: { id: string; headline: string }[];
  let out: string;

  beforeAll(async () => {
    t = await startTestApp({ workers: true });
    base = await listen(t);
    const news = await Newsroom.open(t);
    topic = await news.topic();
    published = [];
    for (let i = 0; i < 5; i++) published.push((await news.publish([topic])) as unknown as { id: string; headline: string });
    await waitForQueuesIdle(t);
    out = await mkdtemp(join('test', 'typed-client', '.out-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
    await t.close();
  });

  it('compiles in strict mode and signs up, follows, reads two pages, saves and opens the stream', async () => {
    await node(['node_modules/openapi-typescript/bin/cli.js', 'docs/openapi.json', '--output', join(out, 'api.d.ts')]);
    await copyFile(join('test', 'typed-client', 'feed-reader.ts'), join(out, 'feed-reader.ts'));
    await writeFile(join(out, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(join(out, 'tsconfig.json'), JSON.stringify(CLIENT_TSCONFIG));
    const compiled = await node(['node_modules/typescript/bin/tsc', '-p', join(out, 'tsconfig.json')]).catch(
      (error: { stdout?: string }) => ({ stdout: `tsc failed:\n${error.stdout}` }),
    );
    expect(compiled.stdout).toBe('');

    const email = `typed-${randomBytes(4).toString('hex')}@example.org`;
    const { stdout } = await node([join(out, 'feed-reader.js')], { API_BASE_URL: base, READER_EMAIL: email, TOPIC_SLUG: topic });
    const findings = JSON.parse(stdout);

    const newestFirst = published.map((a) => a.id).reverse();
    expect(findings.user.role).toBe('reader');
    expect(findings.followed).toBe(topic);
    expect(findings.pages).toEqual([
      { ids: newestFirst.slice(0, 2), reasons: [[`topic:${topic}`], [`topic:${topic}`]], stories: [null, null], state: 'ready' },
      { ids: newestFirst.slice(2, 4), reasons: [[`topic:${topic}`], [`topic:${topic}`]], stories: [null, null], state: 'ready' },
    ]);
    expect(findings.notModified).toBe(304);
    expect(findings.save).toBe(204);
    expect(findings.saved).toEqual([{ id: newestFirst[0], headline: findings.savedTitle, savedAt: expect.any(String) }]);
    expect(findings.stream).toEqual({
      status: 200,
      type: expect.stringMatching(/^text\/event-stream/),
      firstChunk: expect.stringMatching(/^retry: /),
    });
  });
});

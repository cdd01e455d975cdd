import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where the build puts the reader (web/ compiled by `npm run build` into dist/web/public). Compiled code finds it beside
 * dist/src; Jest's ESM mode has no __dirname, and runs from the repository root.
 */
export function webReaderRoot(): string {
  return typeof __dirname === 'string' ? resolve(__dirname, '../../web/public') : resolve(process.cwd(), 'dist/web/public');
}

/**
 * Serves the web reader at GET / (index.html) and its scripts and styles by their file names. Only the
 * built files get routes (wildcard: false), so every other path keeps the API's own 404 problem.
 */
export function registerWebReader(app: NestFastifyApplication, root = webReaderRoot()): void {
  if (!existsSync(resolve(root, 'index.html'))) {
    new Logger('WebReader').warn(`no web reader at ${root} (run npm run build); GET / answers 404`);
    return;
  }
  const fastify = app.getHttpAdapter().getInstance();
  // Its own scope and no reply decorator: the queue dashboard and the OpenAPI UI register @fastify/static too.
  void fastify.register(async (scope) => {
    await scope.register(fastifyStatic, { root, wildcard: false, decorateReply: false, index: 'index.html' });
  });
}

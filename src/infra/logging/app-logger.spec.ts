import { Writable } from 'node:stream';
import pino from 'pino';
import { AppLogger } from './app-logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: new AppLogger(pino({ level: 'trace' }, stream)) };
}

describe('AppLogger', () => {
  it("writes Nest's (message, context) as one JSON line at the matching level", () => {
    const { lines, logger } = capture();
    logger.log('ready', 'Bootstrap');
    logger.warn('slow', 'Fanout');
    logger.verbose('detail', 'Fanout');
    expect(lines.map(({ level, context, msg }) => ({ level, context, msg }))).toEqual([
      { level: 30, context: 'Bootstrap', msg: 'ready' },
      { level: 40, context: 'Fanout', msg: 'slow' },
      { level: 10, context: 'Fanout', msg: 'detail' },
    ]);
  });

  it('keeps the stack of an error given as (message, stack, context) and the error of error(err)', () => {
    const { lines, logger } = capture();
    logger.error('job failed', 'Error: boom\n    at x', 'Worker');
    logger.error(new Error('kaput'), 'Worker');
    expect(lines[0]).toMatchObject({ level: 50, context: 'Worker', msg: 'job failed', stack: 'Error: boom\n    at x' });
    expect(lines[1]).toMatchObject({ level: 50, context: 'Worker', msg: 'kaput', err: { message: 'kaput' } });
  });

  it('merges an object message into the line', () => {
    const { lines, logger } = capture();
    logger.log({ msg: 'listening', port: 3000 }, 'Main');
    expect(lines[0]).toMatchObject({ level: 30, context: 'Main', msg: 'listening', port: 3000 });
  });
});

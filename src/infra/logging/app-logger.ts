import type { LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger over pino: `new Logger('Fanout').warn('slow')` writes one JSON line
 * `{"level":40,"context":"Fanout","msg":"slow"}` to the same stream as the request logs.
 */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  // Nest passes the context last, and for errors a stack string before it: (message, stack?, context?).
  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    const err = message instanceof Error ? message : rest.find((p) => p instanceof Error);
    if (err) fields.err = err;
    else if (typeof rest[0] === 'string') fields.stack = rest[0];
    if (message instanceof Error) this.pino[level](fields, message.message);
    else if (message !== null && typeof message === 'object') this.pino[level]({ ...fields, ...message });
    else this.pino[level](fields, String(message));
  }
}

import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../../src/infra/redis/redis.module';

/** Records the name of every command the app's Redis client sends, in order. */
export function recordRedisCommands(app: INestApplication): { sent: string[]; restore(): void } {
  const sent: string[] = [];
  const client = app.get<Redis>(REDIS);
  const original = client.sendCommand.bind(client);
  // Every argument passed on: a cluster client's sendCommand takes the node too.
  const spy = jest.spyOn(client, 'sendCommand').mockImplementation((...args: Parameters<Redis['sendCommand']>) => {
    sent.push(args[0].name);
    return (original as (...a: unknown[]) => ReturnType<Redis['sendCommand']>)(...args);
  });
  return { sent, restore: () => spy.mockRestore() };
}

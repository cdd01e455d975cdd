import { Logger } from '@nestjs/common';
import type { AppConfig } from '../infra/config/app-config';
import type { ReaderStateRepairsRepository } from './reader-state-repairs.repository';
import type { ReaderStateRepository } from './reader-state.repository';
import { ReaderStateService } from './reader-state.service';
import type { ReaderStateStore } from './reader-state.store';

/** The service over fakes that log every step in order; `failDrop` makes the Redis drop fail. */
function harness({ failDrop = false } = {}) {
  const steps: string[] = [];
  let nextNote = 0;
  const step = <T>(name: string, value: T): Promise<T> => (steps.push(name), Promise.resolve(value));
  const repairs = {
    note: (ids: string[]) =>
      step(
        `note ${ids.join(',')}`,
        ids.map(() => String(++nextNote)),
      ),
    clear: (ids: string[]) => step(`clear ${ids.join(',')}`, undefined),
  };
  const store = {
    invalidate: (id: string) =>
      failDrop ? (steps.push(`drop ${id}`), Promise.reject(new Error('Redis went away'))) : step(`drop ${id}`, undefined),
  };
  const service = new ReaderStateService(
    store as unknown as ReaderStateStore,
    {} as ReaderStateRepository,
    repairs as unknown as ReaderStateRepairsRepository,
    { JWT_ACCESS_TTL_SECONDS: 900 } as AppConfig,
  );
  return { service, steps, step };
}

describe('ReaderStateService.changing', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('notes the readers, runs the change, drops their copies, then deletes the notes', async () => {
    const { service, steps, step } = harness();
    const answer = await service.changing(['7', '8', '7'], () => step('change', 'done'));
    expect(answer).toBe('done');
    expect(steps).toEqual(['note 7,8', 'change', 'drop 7', 'drop 8', 'clear 1,2']);
  });

  it('keeps the notes when the drop fails, and does not throw: the change has committed', async () => {
    const { service, steps, step } = harness({ failDrop: true });
    await expect(service.changing('7', () => step('change', undefined))).resolves.toBeUndefined();
    // Noted again: a change slower than the sweep's wait may have had its first note swept before it committed.
    expect(steps).toEqual(['note 7', 'change', 'drop 7', 'note 7']);
  });

  it('rethrows a failed change, after dropping the copy (it may have committed before it failed)', async () => {
    const { service, steps } = harness();
    await expect(service.changing('7', () => Promise.reject(new Error('conflict')))).rejects.toThrow('conflict');
    expect(steps).toEqual(['note 7', 'drop 7', 'clear 1']);
  });

  it('notes nothing for ids that name no account', async () => {
    const { service, steps, step } = harness();
    await service.changing(['not-an-id'], () => step('change', undefined));
    expect(steps).toEqual(['change']);
  });
});

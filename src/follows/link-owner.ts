import type { EntityManager } from 'typeorm';
import { AppError } from '../infra/http/app-error';
import type { UsersRepository } from '../users/users.repository';

/**
 * Locks the reader's row before a follow or mute is added, so that concurrent requests of one reader
 * are counted one after another and cannot pass the cap together.
 */
export async function lockLinkOwner(users: UsersRepository, manager: EntityManager, userId: string): Promise<void> {
  if (await users.lockForUpdate(manager, userId)) return;
  throw new AppError(401, 'UNAUTHORIZED', 'The account of this token no longer exists.', undefined, {
    'www-authenticate': 'Bearer',
  });
}

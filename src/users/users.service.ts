import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FeedMaintenanceService } from '../feed/feed-maintenance.service';
import { ReaderStateService } from '../reader-state/reader-state.service';
import { FollowsRepository } from '../follows/follows.repository';
import { AppError, notFound } from '../infra/http/app-error';
import { isEntityId } from '../infra/http/entity-id';
import { isUniqueViolation } from './unique-violation';
import { Role, User } from './user.entity';
import { UsersRepository } from './users.repository';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: User['role'];
  createdAt: string;
}

export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
}

const lastAdmin = () => new AppError(409, 'LAST_ADMIN', 'This is the last admin: make another account admin before changing its role.');

const emailTaken = () => new AppError(409, 'EMAIL_TAKEN', 'An account with this email already exists.');

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly follows: FollowsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: FeedMaintenanceService,
    private readonly readerState: ReaderStateService,
  ) {}

  async findById(id: string): Promise<User | null> {
    return isEntityId(id) ? this.users.findById(id) : null;
  }

  /** `email` must already be normalized (see normalizeEmail). */
  findByEmail(email: string): Promise<User | null> {
    return this.users.findByEmail(email);
  }

  async create(input: NewUser): Promise<User> {
    if (await this.users.existsByEmail(input.email)) throw emailTaken();
    try {
      return await this.users.insert({ ...input, role: 'reader' });
    } catch (error) {
      // Two registrations of one email raced past the check above; the unique index decides.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  /** Last activity rides in the reader state (fan-out reaches active readers only). */
  touchLastActive(id: string): Promise<void> {
    return this.readerState.changing(id, () => this.users.touchLastActive(id));
  }

  async updateDisplayName(id: string, displayName: string): Promise<User> {
    await this.users.updateDisplayName(id, displayName);
    return this.mustFind(id);
  }

  /** A change of role ends every login of the account (a bump of login_epoch); setting the role it has changes nothing. */
  async setRole(id: string, role: Role): Promise<User> {
    if (!isEntityId(id)) throw notFound('USER_NOT_FOUND', 'The user');
    const outcome = await this.readerState.changing(id, () => this.users.setRole(id, role));
    if (outcome === 'missing') throw notFound('USER_NOT_FOUND', 'The user');
    if (outcome === 'last-admin') throw lastAdmin();
    return this.mustFind(id);
  }

  /** Makes sure this account exists as an admin with this password. */
  async upsertAdmin(email: string, passwordHash: string): Promise<void> {
    // Only an existing account can have a state copy to drop; one the upsert creates has none yet.
    const existing = await this.users.findByEmail(email);
    await this.readerState.changing(existing ? existing.id : [], () => this.users.upsertAdmin(email, passwordHash));
  }

  /**
   * Erases the account. Locking the user row first holds off a follow racing the erasure (its FK check
   * waits); the follows go with their counts, the rest by FK cascade.
   */
  async erase(id: string): Promise<void> {
    await this.readerState.changing(id, () =>
      this.dataSource.transaction(async (m) => {
        await this.users.lockForUpdate(m, id);
        await this.follows.deleteAllOf(m, id);
        await this.users.delete(m, id);
      }),
    );
    await this.feed.eraseUser(id);
  }

  async mustFind(id: string): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw notFound('USER_NOT_FOUND', 'The user');
    return user;
  }
}

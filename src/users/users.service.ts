import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { FeedMaintenanceService } from '../feed/feed-maintenance.service';
import { AppError, notFound } from '../infra/http/app-error';
import { isEntityId } from '../infra/http/entity-id';
import { isUniqueViolation } from './unique-violation';
import { Role, User } from './user.entity';

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

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  role: Role;
  created_at: Date;
  last_active_at: Date;
  login_epoch: number;
}

const lastAdmin = () => new AppError(409, 'LAST_ADMIN', 'This is the last admin: make another account admin before changing its role.');

const emailTaken = () => new AppError(409, 'EMAIL_TAKEN', 'An account with this email already exists.');

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly feed: FeedMaintenanceService,
  ) {}

  /** Runs on every authenticated request (the guard), so plain SQL rather than the repository's query builder. */
  async findById(id: string): Promise<User | null> {
    if (!isEntityId(id)) return null;
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT id::text AS id, email, password_hash, display_name, role, created_at, last_active_at, login_epoch
       FROM users WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return Object.assign(new User(), {
      id: row.id,
      email: row.email,
      passwordHash: row.password_hash,
      displayName: row.display_name,
      role: row.role,
      createdAt: row.created_at,
      lastActiveAt: row.last_active_at,
      loginEpoch: row.login_epoch,
    });
  }

  /** `email` must already be normalized (see normalizeEmail). */
  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email });
  }

  async create(input: NewUser): Promise<User> {
    if (await this.users.existsBy({ email: input.email })) throw emailTaken();
    try {
      return await this.users.save(this.users.create({ ...input, role: 'reader' }));
    } catch (error) {
      // Two registrations of one email raced past the check above; the unique index decides.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  async touchLastActive(id: string): Promise<void> {
    await this.users.update({ id }, { lastActiveAt: () => 'now()' });
  }

  async updateDisplayName(id: string, displayName: string): Promise<User> {
    await this.users.update({ id }, { displayName });
    return this.mustFind(id);
  }

  /**
   * A change of role ends every login of the account (a bump of login_epoch); setting the role it has
   * changes nothing. The last admin cannot be demoted: the admin rows are locked first, so two admins
   * demoting each other at once cannot leave none.
   */
  async setRole(id: string, role: Role): Promise<User> {
    if (!isEntityId(id)) throw notFound('USER_NOT_FOUND', 'The user');
    await this.dataSource.transaction(async (m) => {
      const admins: { id: string }[] = await m.query(`SELECT id::text AS id FROM users WHERE role = 'admin' FOR UPDATE`);
      if (role !== 'admin' && admins.length === 1 && admins[0].id === id) throw lastAdmin();
      const [, affected]: [unknown, number] = await m.query(
        `UPDATE users SET role = $2, login_epoch = login_epoch + (role IS DISTINCT FROM $2)::int WHERE id = $1`,
        [id, role],
      );
      if (!affected) throw notFound('USER_NOT_FOUND', 'The user');
    });
    return this.mustFind(id);
  }

  /**
   * Makes sure this account exists as an admin with this password, in one atomic upsert so racing
   * processes agree. An existing account changed by it (promoted, or given a new password) loses every
   * login it had: whoever registered the address first keeps nothing.
   */
  async upsertAdmin(email: string, passwordHash: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, 'Admin', 'admin')
       ON CONFLICT (email) DO UPDATE SET role = 'admin', password_hash = EXCLUDED.password_hash,
         login_epoch = users.login_epoch + 1`,
      [email, passwordHash],
    );
  }

  /**
   * Erases the account. Locking the user row first holds off a follow racing the erasure (its FK check
   * waits), and deleting the follows before decrementing counts each follow exactly once even when an
   * unfollow runs at the same time. Follows, mutes and refresh tokens go by FK cascade.
   */
  async erase(id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [id]);
      await m.query(
        `WITH gone AS (DELETE FROM follows WHERE user_id = $1 RETURNING topic_id)
         UPDATE topics SET follower_count = follower_count - 1 WHERE id IN (SELECT topic_id FROM gone)`,
        [id],
      );
      await m.query('DELETE FROM users WHERE id = $1', [id]);
    });
    await this.feed.eraseUser(id);
  }

  private async mustFind(id: string): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw notFound('USER_NOT_FOUND', 'The user');
    return user;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Clock } from '../infra/clock/clock';
import type { Queryable } from '../infra/database/queryable';
import { Role, User } from './user.entity';

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

/** The users table: accounts, and the last activity that decides who gets fan-out. */
@Injectable()
export class UsersRepository {
  private readonly users: Repository<User>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock = new Clock(),
  ) {
    this.users = db.getRepository(User);
  }

  /** Runs on every authenticated request (the guard), so plain SQL rather than the repository's query builder. */
  async findById(id: string): Promise<User | null> {
    const rows: UserRow[] = await this.db.query(
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

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email });
  }

  existsByEmail(email: string): Promise<boolean> {
    return this.users.existsBy({ email });
  }

  /** Throws the unique violation when the email is taken. */
  insert(input: { email: string; passwordHash: string; displayName: string; role: Role }): Promise<User> {
    return this.users.save(this.users.create(input));
  }

  /** Null when the email is taken. */
  async insertIfNewEmail(input: { email: string; passwordHash: string; displayName: string; role: Role }): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id::text AS id`,
      [input.email, input.passwordHash, input.displayName, input.role],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * One atomic upsert, so racing processes agree. An existing account changed by it (promoted, or given a new
   * password) loses every login it had: whoever registered the address first keeps nothing. Returns its id.
   */
  async upsertAdmin(email: string, passwordHash: string): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, 'Admin', 'admin')
       ON CONFLICT (email) DO UPDATE SET role = 'admin', password_hash = EXCLUDED.password_hash,
         login_epoch = users.login_epoch + 1
       RETURNING id::text AS id`,
      [email, passwordHash],
    );
    return rows[0].id;
  }

  async touchLastActive(id: string): Promise<void> {
    await this.db.query('UPDATE users SET last_active_at = $2 WHERE id = $1', [id, this.clock.now()]);
  }

  async updateDisplayName(id: string, displayName: string): Promise<void> {
    await this.users.update({ id }, { displayName });
  }

  /**
   * A change of role ends every login of the account (a bump of login_epoch); setting the role it has
   * changes nothing. 'last-admin' when this would leave no admin: the admin rows are locked first, so
   * two admins demoting each other at once cannot leave none. 'missing' when there is no such user.
   */
  async setRole(id: string, role: Role): Promise<'done' | 'missing' | 'last-admin'> {
    return this.db.transaction(async (m) => {
      const admins: { id: string }[] = await m.query(`SELECT id::text AS id FROM users WHERE role = 'admin' FOR UPDATE`);
      if (role !== 'admin' && admins.length === 1 && admins[0].id === id) return 'last-admin';
      const [, affected]: [unknown, number] = await m.query(
        `UPDATE users SET role = $2, login_epoch = login_epoch + (role IS DISTINCT FROM $2)::int WHERE id = $1`,
        [id, role],
      );
      return affected > 0 ? 'done' : 'missing';
    });
  }

  /** Locks the user's row for the caller's transaction; false when there is no such user. */
  async lockForUpdate(m: Queryable, id: string): Promise<boolean> {
    const rows: unknown[] = await m.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [id]);
    return rows.length > 0;
  }

  /** Follows, mutes, refresh tokens and the reader's signals go by FK cascade. */
  async delete(m: Queryable, id: string): Promise<void> {
    await m.query('DELETE FROM users WHERE id = $1', [id]);
  }

  /** What a reader's state keeps of the account (reader-state/); undefined when the account is gone. */
  async sessionHead(id: string): Promise<{ role: Role; loginEpoch: number; lastActiveAt: Date } | undefined> {
    const rows: { role: Role; login_epoch: number; last_active_at: Date }[] = await this.db.query(
      'SELECT role, login_epoch::float8 AS login_epoch, last_active_at FROM users WHERE id = $1',
      [id],
    );
    return rows[0] && { role: rows[0].role, loginEpoch: rows[0].login_epoch, lastActiveAt: rows[0].last_active_at };
  }

  async lastActiveAt(id: string): Promise<Date | null> {
    const rows: { last_active_at: Date }[] = await this.db.query('SELECT last_active_at FROM users WHERE id = $1', [id]);
    return rows[0]?.last_active_at ?? null;
  }

  async countActive(since: Date, after: string): Promise<number> {
    const [row]: { n: number }[] = await this.db.query('SELECT count(*)::int AS n FROM users WHERE last_active_at >= $1 AND id > $2', [
      since,
      after,
    ]);
    return row.n;
  }

  /** One keyset page of users active since then, ascending by id. */
  async activeIds(since: Date, after: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      // ORDER BY u.id, the bigint: a bare `id` would name the text column of the output and sort as text.
      'SELECT u.id::text AS id FROM users u WHERE u.last_active_at >= $1 AND u.id > $2 ORDER BY u.id LIMIT $3',
      [since, after, limit],
    );
    return rows.map((r) => r.id);
  }
}

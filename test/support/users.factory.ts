import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessTokenService } from '../../src/auth/access-token.service';
import type { Role } from '../../src/users/user.entity';
import type { TestApp } from './test-app';

export interface UserOverrides {
  role?: Role;
  email?: string;
  displayName?: string;
}

export interface CreatedUser {
  user: { id: string; email: string; role: Role };
  token: string;
}

/**
 * Inserts a user straight into Postgres and signs an access token for it, so tests need not
 * go through registration. The password hash is a placeholder: such users cannot log in.
 */
export async function createUser(t: TestApp, overrides: UserOverrides = {}): Promise<CreatedUser> {
  const dataSource = t.app.get(DataSource);
  const tokens = t.app.get(AccessTokenService);
  const email = overrides.email ?? `user-${randomBytes(6).toString('hex')}@example.test`;
  const role: Role = overrides.role ?? 'reader';
  const displayName = overrides.displayName ?? 'Test User';
  const rows: { id: string }[] = await dataSource.query(
    `INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
    [email, 'not-a-password-hash', displayName, role],
  );
  const id = rows[0].id;
  const token = await tokens.sign(id, randomUUID());
  return { user: { id, email, role }, token };
}

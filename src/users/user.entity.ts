import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'reader' | 'editor' | 'admin';
export const ROLES: Role[] = ['reader', 'editor', 'admin'];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 80 })
  displayName: string;

  @Column({ type: 'text', default: 'reader' })
  role: Role;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Reading the feed or signing in; fan-out writes only to users active within ACTIVE_DAYS. */
  @Column({ name: 'last_active_at', type: 'timestamptz' })
  lastActiveAt: Date;

  /** Bumped to end every login of the account at once (see auth/login-check.service.ts). */
  @Column({ name: 'login_epoch', type: 'integer', default: 0 })
  loginEpoch: number;
}

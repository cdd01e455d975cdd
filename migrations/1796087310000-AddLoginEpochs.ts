import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * login_epoch: bumping an account's epoch ends every login it had (promotion by ADMIN_EMAIL, a role
 * change, a password set for it). Access tokens and refresh-token rows carry the epoch they were
 * issued in; one behind its account's is dead.
 */
export class AddLoginEpochs1796087310000 implements MigrationInterface {
  name = 'AddLoginEpochs1796087310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN login_epoch integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE refresh_tokens ADD COLUMN login_epoch integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_tokens DROP COLUMN login_epoch`);
    await q.query(`ALTER TABLE users DROP COLUMN login_epoch`);
  }
}

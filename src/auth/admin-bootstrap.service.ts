import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../infra/config/app-config';
import { normalizeEmail } from '../users/user-input';
import { UsersService } from '../users/users.service';
import { PasswordHasher } from './password-hasher.service';

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD: that account exists with role admin and that password after start-up.
 * Promoting an existing account or setting a new password ends every login it had; an account that
 * is already admin with that password is left alone, so a restart signs nobody out.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = this.config;
    if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return;
    const email = normalizeEmail(ADMIN_EMAIL);
    const existing = await this.users.findByEmail(email);
    if (existing?.role === 'admin' && (await this.hasher.verify(existing.passwordHash, ADMIN_PASSWORD))) {
      this.logger.log(`Admin account ${email} is in place`);
      return;
    }
    await this.users.upsertAdmin(email, await this.hasher.hash(ADMIN_PASSWORD));
    this.logger.log(existing ? `Account ${email} made admin with ADMIN_PASSWORD; its logins were ended` : `Admin account ${email} created`);
  }
}

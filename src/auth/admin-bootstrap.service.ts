import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../infra/config/app-config';
import { normalizeEmail } from '../users/user-input';
import { UsersService } from '../users/users.service';
import { PasswordHasher } from './password-hasher.service';

/** ADMIN_EMAIL/ADMIN_PASSWORD: that account exists with role admin and that password after start-up. */
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
    await this.users.upsertAdmin(email, await this.hasher.hash(ADMIN_PASSWORD));
    this.logger.log(`Admin account ${email} is in place`);
  }
}

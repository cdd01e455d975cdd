import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { UsersModule } from '../users/users.module';
import { AccessTokenService } from './access-token.service';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthRateLimits } from './auth-rate-limits.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { RefreshTokensService } from './refresh-tokens.service';
import { RevokedSessionsStore } from './revoked-sessions.store';

@Module({
  imports: [JwtModule.register({}), UsersModule],
  controllers: [AuthController],
  providers: [
    AccessTokenService,
    AdminBootstrapService,
    AuthRateLimits,
    AuthService,
    PasswordHasher,
    RefreshTokensRepository,
    RefreshTokensService,
    RevokedSessionsStore,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokenService, PasswordHasher],
})
export class AuthModule {}

import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { UsersModule } from '../users/users.module';
import { AccessTokenService } from './access-token.service';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthRateLimits } from './auth-rate-limits.service';
import { AuthDataModule } from './auth-data.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginCheck } from './login-check.service';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensService } from './refresh-tokens.service';
import { RevokedSessionsStore } from './revoked-sessions.store';

@Module({
  imports: [JwtModule.register({}), UsersModule, AuthDataModule],
  controllers: [AuthController],
  providers: [
    AccessTokenService,
    AdminBootstrapService,
    AuthRateLimits,
    AuthService,
    LoginCheck,
    PasswordHasher,
    RefreshTokensService,
    RevokedSessionsStore,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokenService, LoginCheck, PasswordHasher],
})
export class AuthModule {}

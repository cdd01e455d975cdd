import { Module } from '@nestjs/common';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/** The refresh_tokens table, with no feature dependencies: reader-state/ reads the ended logins. */
@Module({ providers: [RefreshTokensRepository], exports: [RefreshTokensRepository] })
export class AuthDataModule {}

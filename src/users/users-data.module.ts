import { Module } from '@nestjs/common';
import { UsersRepository } from './users.repository';

/** The users table, with no feature dependencies. */
@Module({ providers: [UsersRepository], exports: [UsersRepository] })
export class UsersDataModule {}

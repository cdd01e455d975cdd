import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isEntityId } from '../infra/http/entity-id';
import { User } from './user.entity';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: User['role'];
  createdAt: string;
}

export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return isEntityId(id) ? this.users.findOneBy({ id }) : Promise.resolve(null);
  }
}

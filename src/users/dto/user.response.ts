import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../user.entity';

/** OpenAPI shape of `user`; the value itself is built by toUserView. */
export class UserResponse {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: 'ann@example.org' }) email: string;
  @ApiProperty({ example: 'Ann' }) displayName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

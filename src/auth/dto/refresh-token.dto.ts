import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Body of /v1/auth/refresh and /v1/auth/logout. */
export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh' })
  @IsString()
  @Length(1, 256)
  refreshToken: string;
}

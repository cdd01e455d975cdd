import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { normalizeEmailValue } from '../../users/user-input';

export class LoginDto {
  @ApiProperty({ example: 'ann@example.org' })
  @Transform(normalizeEmailValue)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email' })
  email: string;

  @ApiProperty({ maxLength: 128 })
  @IsString()
  @Length(1, 128)
  password: string;
}

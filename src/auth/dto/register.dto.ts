import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { normalizeEmailValue, trimValue } from '../../users/user-input';
import { IsAcceptablePassword } from '../password-policy';

export class RegisterDto {
  @ApiProperty({ example: 'ann@example.org', description: 'Trimmed and stored lower-case' })
  @Transform(normalizeEmailValue)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email' })
  email: string;

  @ApiProperty({ minLength: 8, maxLength: 128, description: 'Not blank, and not one of the commonest passwords' })
  @IsString()
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({ minLength: 1, maxLength: 80, example: 'Ann' })
  @Transform(trimValue)
  @IsString()
  @Length(1, 80)
  displayName: string;
}

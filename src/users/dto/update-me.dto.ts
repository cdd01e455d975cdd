import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trimValue } from '../user-input';

export class UpdateMeDto {
  @ApiProperty({ minLength: 1, maxLength: 80, example: 'Ann' })
  @Transform(trimValue)
  @IsString()
  @Length(1, 80)
  displayName: string;
}

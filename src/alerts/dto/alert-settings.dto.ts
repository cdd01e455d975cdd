import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HH_MM, isIanaTimeZone } from '../quiet-hours';

export class QuietHoursDto {
  @ApiProperty({ example: '22:00' })
  @IsDefined()
  @IsString()
  @Matches(HH_MM, { message: '$property must be a time HH:MM (00:00..23:59)' })
  start: string;

  @ApiProperty({ example: '07:00' })
  @IsDefined()
  @IsString()
  @Matches(HH_MM, { message: '$property must be a time HH:MM (00:00..23:59)' })
  @ValidateBy({
    name: 'differsFromStart',
    validator: {
      validate: (value, args) => value !== (args?.object as QuietHoursDto | undefined)?.start,
      defaultMessage: () => '$property must differ from start',
    },
  })
  end: string;

  @ApiProperty({ example: 'Europe/Paris', description: 'An IANA time zone' })
  @IsDefined()
  @ValidateBy({
    name: 'isIanaTimeZone',
    validator: { validate: (value) => isIanaTimeZone(value), defaultMessage: () => '$property must be an IANA time zone' },
  })
  timeZone: string;
}

export class AlertSettingsDto {
  @ApiProperty()
  @IsDefined()
  @IsBoolean()
  breaking: boolean;

  @ApiProperty({ type: [String], maxItems: 50, description: 'Slugs of topics whose every article alerts' })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 80, { each: true })
  topics: string[];

  @ApiProperty({ type: QuietHoursDto, nullable: true })
  @ValidateIf((_o, value) => value !== null)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours: QuietHoursDto | null;

  @ApiProperty({ minimum: 1, maximum: 50 })
  @IsDefined()
  @IsInt()
  @Min(1)
  @Max(50)
  maxPerDay: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SLUG_PATTERN } from '../../infra/text/slugify';
import { MaxChars, NoNul, Trim } from './text-rules';

export class CreateTopicDto {
  @ApiProperty({ minLength: 1, maxLength: 80, example: 'US-China relations' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxChars(80)
  @NoNul()
  name: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 80, pattern: SLUG_PATTERN.source, description: 'Derived from name when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @Matches(SLUG_PATTERN, { message: 'must be lower-case letters and digits in dash-separated words' })
  slug?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxChars(2000)
  @NoNul()
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Slug of an existing topic' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  parentSlug?: string | null;
}

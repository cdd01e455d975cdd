import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { MaxChars, NoNul, Trim } from './text-rules';

/** Absent fields stay as they are; `description: null` clears it and `parentSlug: null` detaches. */
export class UpdateTopicDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 80 })
  // null is not "absent": a topic always has a name.
  @ValidateIf((dto: UpdateTopicDto) => dto.name !== undefined)
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxChars(80)
  @NoNul()
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxChars(2000)
  @NoNul()
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Slug of an existing topic; null detaches' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  parentSlug?: string | null;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../infra/http/paging';
import { NoNul } from './text-rules';

export class ListTopicsQuery extends PageQuery {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: 'Matches name or slug, case-insensitive' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoNul()
  q?: string;
}

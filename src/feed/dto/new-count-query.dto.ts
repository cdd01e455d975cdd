import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

export class NewCountQuery {
  @ApiProperty({ description: 'ISO-8601 time; counts feed articles published after it', example: '2026-11-28T10:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  since: string;
}

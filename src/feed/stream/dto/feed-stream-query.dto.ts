import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EVENT_ID_PATTERN } from '../feed-event-id';

export class FeedStreamQuery {
  @ApiPropertyOptional({
    description:
      'The access token, for EventSource clients, which cannot send an Authorization header. The header wins when both are given.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  access_token?: string;

  @ApiPropertyOptional({
    description:
      'Resume after this event id, like the Last-Event-ID header (which wins when both are given); for clients that cannot set that header.',
    example: '1795000000000-42',
  })
  @IsOptional()
  @IsString()
  @Matches(EVENT_ID_PATTERN, { message: 'must be an event id of this stream' })
  lastEventId?: string;
}

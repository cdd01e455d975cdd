import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../users/user.entity';
import { AllowQueryToken } from './allow-query-token.decorator';
import { FeedStreamQuery } from './dto/feed-stream-query.dto';
import { FeedStreamService } from './feed-stream.service';

const EXAMPLE_STREAM = [
  'retry: 3000',
  '',
  'id: 1795000000000-42',
  'event: article',
  'data: {"articleId":"42","publishedAt":"2026-11-18T09:46:40.000Z"}',
  '',
  ': ping',
  '',
].join('\n');

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed')
export class FeedStreamController {
  constructor(private readonly streams: FeedStreamService) {}

  @Get('stream')
  @AllowQueryToken()
  @ApiOperation({
    summary: "Live updates of the reader's feed (Server-Sent Events)",
    description:
      "An `article` event whenever an article lands in this reader's feed (published, due, carrying a followed " +
      'and no muted topic; backfill on follow is not announced). `id` is `<publishedAtMs>-<articleId>`; `data` is ' +
      '`{articleId, publishedAt}`. A `: ping` comment comes every 15 s. On reconnect, `Last-Event-ID` (or ' +
      '`?lastEventId=`) first replays the feed items newer than that id, oldest first, at most 200, then goes live. ' +
      'The stream ends when the access token expires; reconnect with a fresh one. Errors before the stream starts are ' +
      'application/problem+json.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id', example: '1795000000000-42' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'The event stream; it stays open.',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: EXAMPLE_STREAM } },
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: unknown query parameter or malformed Last-Event-ID / lastEventId' })
  @ApiResponse({ status: 401, description: 'UNAUTHORIZED: missing, invalid or expired token (header or access_token)' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED: the account already has FEED_STREAM_MAX_PER_USER (default 5) open streams' })
  @ApiResponse({ status: 503, description: 'DEPENDENCY_UNAVAILABLE: Redis or Postgres is down, or the server is shutting down' })
  async stream(
    @CurrentUser() user: User,
    @Query() query: FeedStreamQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const after = this.streams.resumePosition(request.headers['last-event-id'], query.lastEventId);
    await this.streams.open(user, after, request, reply);
  }
}

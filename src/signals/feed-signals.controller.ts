import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { EmptyQuery } from '../infra/http/empty-query';
import type { User } from '../users/user.entity';
import { FeedEventsAnswer, PostFeedEventsDto } from './dto/feed-events.dto';
import { EventRateLimit } from './event-rate-limit';
import { SignalIngestionService } from './signal-ingestion.service';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed/events')
export class FeedSignalsController {
  constructor(
    private readonly ingestion: SignalIngestionService,
    private readonly limit: EventRateLimit,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Report what the reader did with feed articles',
    description:
      "open, dwell (weighted by dwellMs), save and share raise the article's topics in ranked mode; less_like_this lowers them; " +
      "hide removes the article from this reader's feed for good; open adds it to GET /v1/me/history. " +
      'Events naming unknown, unpublished or retracted articles, and events more than a year old, are dropped (counted in `dropped`). ' +
      'A future `at` counts as now. The effect shows on the next feed read. ' +
      'At most EVENTS_PER_USER_PER_HOUR (default 1000) events an hour per account, counted in events; a batch that would pass ' +
      'the limit is refused whole (429, nothing stored) and may be sent again after Retry-After.',
  })
  @ApiAcceptedResponse({ type: FeedEventsAnswer })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: errors[] names fields by path, e.g. events.0.type' })
  @ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED: more than EVENTS_PER_USER_PER_HOUR events this hour; the batch is refused whole (Retry-After)',
  })
  async ingest(@CurrentUser() user: User, @Body() body: PostFeedEventsDto, @Query() _query: EmptyQuery): Promise<FeedEventsAnswer> {
    await this.limit.take(user.id, body.events.length);
    return this.ingestion.ingest(user.id, body.events);
  }
}

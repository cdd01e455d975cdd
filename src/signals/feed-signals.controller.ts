import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import { EmptyQuery } from '../infra/http/empty-query';
import type { User } from '../users/user.entity';
import { FeedEventsAnswer, PostFeedEventsDto } from './dto/feed-events.dto';
import { SignalIngestionService } from './signal-ingestion.service';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('v1/feed/events')
export class FeedSignalsController {
  constructor(private readonly ingestion: SignalIngestionService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Report what the reader did with feed articles',
    description:
      "open, dwell (weighted by dwellMs), save and share raise the article's topics in ranked mode; less_like_this lowers them; " +
      "hide removes the article from this reader's feed for good; open adds it to GET /v1/me/history. " +
      'Events naming unknown, unpublished or retracted articles, and events more than a year old, are dropped (counted in `dropped`). ' +
      'A future `at` counts as now. The effect shows on the next feed read.',
  })
  @ApiAcceptedResponse({ type: FeedEventsAnswer })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: errors[] names fields by path, e.g. events.0.type' })
  @ApiUnauthorizedResponse({ description: 'UNAUTHORIZED' })
  ingest(@CurrentUser() user: User, @Body() body: PostFeedEventsDto, @Query() _query: EmptyQuery): Promise<FeedEventsAnswer> {
    return this.ingestion.ingest(user.id, body.events);
  }
}

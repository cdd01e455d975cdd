import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { pageQuery } from '../../infra/http/paging';
import type { FeedMode } from '../../ranking/feed-score';

/** A page of the feed; a cursor is only good in the mode that gave it out. */
export class FeedQuery extends pageQuery(50) {
  @ApiPropertyOptional({ enum: ['ranked', 'latest'], default: 'ranked' })
  @IsOptional()
  @IsIn(['ranked', 'latest'])
  mode: FeedMode = 'ranked';
}

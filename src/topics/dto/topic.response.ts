import { ApiProperty } from '@nestjs/swagger';
import type { TopicView } from '../topic-view';

/** OpenAPI shape of the contract's `topic`. */
export class TopicResponse implements TopicView {
  @ApiProperty({ example: '12' }) id: string;
  @ApiProperty({ example: 'us-china-relations' }) slug: string;
  @ApiProperty({ example: 'US-China relations' }) name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) parentSlug: string | null;
  @ApiProperty({ example: 0 }) followerCount: number;
}

export class TopicPageResponse {
  @ApiProperty({ type: [TopicResponse] }) items: TopicResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import { TopicResponse } from '../../topics/dto/topic.response';

export class FollowResponse {
  @ApiProperty({ type: TopicResponse }) topic: TopicResponse;
  @ApiProperty({ format: 'date-time' }) followedAt: string;
}

export class FollowListResponse {
  @ApiProperty({ type: [FollowResponse] }) items: FollowResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: the list is not paged' }) nextCursor: null;
}

export class MuteResponse {
  @ApiProperty({ type: TopicResponse }) topic: TopicResponse;
  @ApiProperty({ format: 'date-time' }) mutedAt: string;
}

export class MuteListResponse {
  @ApiProperty({ type: [MuteResponse] }) items: MuteResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: the list is not paged' }) nextCursor: null;
}

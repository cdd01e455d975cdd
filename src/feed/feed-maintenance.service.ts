import { Injectable } from '@nestjs/common';

/**
 * What other features tell the feed when a reader's topic graph or account changes.
 * (Filled in by the fan-out work: backfill on follow, removal on unfollow and mute, erasure.)
 */
@Injectable()
export class FeedMaintenanceService {
  async onFollow(_userId: string, _topicId: string): Promise<void> {}
  async onUnfollow(_userId: string, _topicId: string): Promise<void> {}
  async onMute(_userId: string, _topicId: string): Promise<void> {}
  async onUnmute(_userId: string, _topicId: string): Promise<void> {}
  async eraseUser(_userId: string): Promise<void> {}
}

import { Module } from '@nestjs/common';
import { TopicEditorService } from './topic-editor.service';
import { TopicsController } from './topics.controller';
import { TopicsRepository } from './topics.repository';
import { TopicsService } from './topics.service';

@Module({
  controllers: [TopicsController],
  providers: [TopicsRepository, TopicsService, TopicEditorService],
  exports: [TopicsService, TopicsRepository],
})
export class TopicsModule {}

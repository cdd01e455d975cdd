import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Primary key (topic_id, user_id) serves the fan-out's scan of a topic's followers. */
@Entity('follows')
export class Follow {
  @PrimaryColumn({ name: 'topic_id', type: 'bigint' })
  topicId: string;

  @PrimaryColumn({ name: 'user_id', type: 'bigint' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('mutes')
export class Mute {
  @PrimaryColumn({ name: 'user_id', type: 'bigint' })
  userId: string;

  @PrimaryColumn({ name: 'topic_id', type: 'bigint' })
  topicId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

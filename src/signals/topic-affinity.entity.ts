import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reader's learned weight for a topic, in log space, as of updated_at (it decays from there). */
@Entity('topic_affinities')
export class TopicAffinity {
  @PrimaryColumn({ name: 'user_id', type: 'bigint' })
  userId: string;

  @PrimaryColumn({ name: 'topic_id', type: 'bigint' })
  topicId: string;

  @Column({ type: 'double precision' })
  score: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

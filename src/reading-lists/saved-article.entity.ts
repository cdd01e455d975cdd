import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('saved_articles')
export class SavedArticle {
  @PrimaryColumn({ name: 'user_id', type: 'bigint' })
  userId: string;

  @PrimaryColumn({ name: 'article_id', type: 'bigint' })
  articleId: string;

  @Column({ name: 'saved_at', type: 'timestamptz' })
  savedAt: Date;
}

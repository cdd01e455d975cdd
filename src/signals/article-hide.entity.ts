import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An article the reader hid: it never shows in that reader's feed again. */
@Entity('article_hides')
export class ArticleHide {
  @PrimaryColumn({ name: 'user_id', type: 'bigint' })
  userId: string;

  @PrimaryColumn({ name: 'article_id', type: 'bigint' })
  articleId: string;

  @Column({ name: 'hidden_at', type: 'timestamptz' })
  hiddenAt: Date;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ArticleStatus = 'draft' | 'published' | 'retracted';
export type ArticlePriority = 'normal' | 'breaking';

@Entity('articles')
export class Article {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'external_id', type: 'text', nullable: true, unique: true })
  externalId: string | null;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'varchar', length: 300 })
  headline: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  summary: string[];

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'image_url', type: 'text', nullable: true })
  imageUrl: string | null;

  @Column({ name: 'image_caption', type: 'text', nullable: true })
  imageCaption: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  authors: string[];

  @Column({ type: 'text' })
  status: ArticleStatus;

  @Column({ type: 'text', default: 'normal' })
  priority: ArticlePriority;

  /** The running story the article belongs to (CMS-given), or null. */
  @Column({ name: 'story_key', type: 'varchar', length: 100, nullable: true })
  storyKey: string | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** Bumped on every edit; makes fan-out job ids of a re-publish distinct. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

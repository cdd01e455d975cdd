import { bucketOf } from '../feed/feed-bucket';

export interface BucketChunk {
  bucket: number;
  seq: number;
  userIds: string[];
}

/**
 * Cuts a stream of user ids (ascending) into chunks of at most `size` users of one bucket each,
 * numbered per bucket from `firstSeq`, so the same follower set always gives the same chunks (and job ids).
 */
export class BucketChunker {
  private readonly open = new Map<number, string[]>();
  private readonly seqs = new Map<number, number>();

  constructor(
    private readonly buckets: number,
    private readonly size: number,
    private readonly firstSeq = 0,
  ) {}

  /** Adds users; returns the chunks that became full. */
  add(userIds: string[]): BucketChunk[] {
    const full: BucketChunk[] = [];
    for (const id of userIds) {
      const bucket = bucketOf(id, this.buckets);
      const list = this.open.get(bucket) ?? [];
      list.push(id);
      this.open.set(bucket, list);
      if (list.length === this.size) full.push(this.close(bucket));
    }
    return full;
  }

  /** The partly filled chunks that remain at the end. */
  flush(): BucketChunk[] {
    return [...this.open.keys()].sort((a, b) => a - b).map((bucket) => this.close(bucket));
  }

  private close(bucket: number): BucketChunk {
    const userIds = this.open.get(bucket)!;
    this.open.delete(bucket);
    const seq = this.seqs.get(bucket) ?? this.firstSeq;
    this.seqs.set(bucket, seq + 1);
    return { bucket, seq, userIds };
  }
}

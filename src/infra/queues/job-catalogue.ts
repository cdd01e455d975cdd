/** Every queue and job of the service, with the payload each job carries (ids and scalars, never documents). */
export const QUEUE = {
  fanout: 'fanout',
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export interface JobPayloads {
  /** Plans the fan-out of one article version: scans followers, enqueues chunk jobs. */
  'fanout.plan': { articleId: string; version: number };
  /** Writes one article into the feeds of up to FANOUT_CHUNK_SIZE users of one bucket. */
  'fanout.chunk': {
    articleId: string;
    version: number;
    bucket: number;
    seq: number;
    userIds: string[];
    publishedAtSec: number;
    lnWeight: number;
    /** ln(weight) of the users whose topic affinities move it off `lnWeight` (sparse, rounded). */
    lnWeightByUser?: Record<string, number>;
  };
}

export type JobName = keyof JobPayloads;

export const QUEUE_OF: Record<JobName, QueueName> = {
  'fanout.plan': QUEUE.fanout,
  'fanout.chunk': QUEUE.fanout,
};

export const ALL_QUEUES: QueueName[] = Object.values(QUEUE);

/**
 * Every job id, built here only. Deterministic where a repeat must be a no-op (BullMQ keeps one job per id):
 * one plan per article version, one chunk per version, bucket and sequence number.
 */
export const jobIds = {
  plan: (articleId: string, version: number) => `plan.${articleId}.v${version}`,
  chunk: (articleId: string, version: number, bucket: number, seq: number) => `chunk.${articleId}.v${version}.b${bucket}.${seq}`,
  /** A replay (fanout:replay) plans again beside the original, so its id carries the moment it was asked for. */
  replayPlan: (articleId: string, version: number, atMs: number) => `replay.${articleId}.v${version}.${atMs}`,
};

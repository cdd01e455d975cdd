/** Every queue and job of the service, with the payload each job carries (ids and scalars, never documents). */
export const QUEUE = {
  fanout: 'fanout',
  /** Periodic fan-out upkeep (outbox drain, sweep, expired idempotency keys): its own queue, so the fan-out queue is idle when no article is moving. */
  fanoutUpkeep: 'fanout-upkeep',
  signalsUpkeep: 'signals-upkeep',
  /** The sweep of the reader-state repair record, every 5 s. */
  readerStateUpkeep: 'reader-state-upkeep',
  alerts: 'alerts',
  /** Web Push sends: their own queue and concurrency (they wait on the network), so they never hold a chunk back. */
  alertsPush: 'alerts-push',
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
    /** The users' ids comma-joined (src/fanout/chunk-users.ts): cheap for BullMQ to (de)serialise. */
    users: string;
    /** The users of a chunk enqueued before `users` existed (an older worker's job still queued); read by chunkUsers() only. */
    userIds?: string[];
    publishedAtSec: number;
    lnWeight: number;
    /** ln(weight) of the users whose topic affinities move it off `lnWeight` (sparse, rounded). */
    lnWeightByUser?: Record<string, number>;
  };
  /** Enqueues the plan jobs of fan-out intents that no API process enqueued (it died after its commit). */
  'fanout.drain-outbox': Record<string, never>;
  /** Re-enqueues fan-outs that were enqueued but never completed (their job failed for good, or Redis lost it). */
  'fanout.sweep': Record<string, never>;
  /** Deletes the idempotency keys whose 24 hours are over (a key is otherwise only replaced when its account reuses it). */
  'fanout.prune-idempotency-keys': Record<string, never>;
  /** Deletes raw feed events older than EVENTS_RETENTION_DAYS, in batches. */
  'signals.prune-events': Record<string, never>;
  /** Drops the Redis state copies of readers whose repair notes are over 10 s old, and deletes those notes. */
  'reader-state.sweep-repairs': Record<string, never>;
  /** Plans the alerts of one article version: splits its candidate readers into user-id ranges. */
  'alerts.plan': { articleId: string; version: number; /** Set by alerts:replay: its chunks get ids of their own. */ replay?: string };
  /** Creates (idempotently) and sends on the alerts of one article for the readers in (after, last]. */
  'alerts.chunk': { articleId: string; version: number; after: string; last: string };
  /** Sends one alert to one push subscription (Web Push); retried with backoff, 404/410 removes the subscription. */
  'alerts.push': { alertId: string; subscriptionId: string };
}

export type JobName = keyof JobPayloads;

export const QUEUE_OF = {
  'fanout.plan': QUEUE.fanout,
  'fanout.chunk': QUEUE.fanout,
  'fanout.drain-outbox': QUEUE.fanoutUpkeep,
  'fanout.sweep': QUEUE.fanoutUpkeep,
  'fanout.prune-idempotency-keys': QUEUE.fanoutUpkeep,
  'signals.prune-events': QUEUE.signalsUpkeep,
  'reader-state.sweep-repairs': QUEUE.readerStateUpkeep,
  'alerts.plan': QUEUE.alerts,
  'alerts.chunk': QUEUE.alerts,
  'alerts.push': QUEUE.alertsPush,
} as const satisfies Record<JobName, QueueName>;

/** The job names of one queue: a processor's handler table is typed by it, so a missing handler does not compile. */
export type JobsOf<Q extends QueueName> = { [N in JobName]: (typeof QUEUE_OF)[N] extends Q ? N : never }[JobName];

/** The jobs without a payload: the periodic upkeep jobs, scheduled by name (JobProducer.schedule). */
export type PeriodicJobName = { [N in JobName]: JobPayloads[N] extends Record<string, never> ? N : never }[JobName];

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

/** Alert job ids: one plan per article version, one chunk per version and user-id range (a repeat is a no-op). */
export const alertJobIds = {
  plan: (articleId: string, version: number) => `alerts-plan.${articleId}.v${version}`,
  chunk: (articleId: string, version: number, after: string, replay?: string) =>
    `alerts-chunk.${articleId}.v${version}.${after}${replay ? `.replay-${replay}` : ''}`,
  replayPlan: (articleId: string, version: number, atMs: number) => `alerts-replay.${articleId}.v${version}.${atMs}`,
  push: (alertId: string, subscriptionId: string) => `alerts-push.${alertId}.${subscriptionId}`,
};

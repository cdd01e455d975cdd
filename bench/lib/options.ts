import { Command, InvalidArgumentError } from 'commander';

export const SCENARIOS = ['fanout', 'workers', 'latency', 'reads', 'memory', 'rebuild', 'alerts'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Every size and duration a run uses; --quick picks the small set. */
export interface BenchOptions {
  quick: boolean;
  /** Also copy the report to the committed bench/results/latest.{md,svg}. */
  record: boolean;
  scenarios: ScenarioName[];
  redisDb: number;
  /** Run on a throwaway local Redis Cluster of this many masters (scripts/redis-cluster.mjs) instead of one Redis; 0 = one Redis. */
  clusterMasters: number;
  workers: number;
  /** How many times each measurement runs; the median run is reported. */
  repeats: number;
  fanout: {
    followers: number[];
    /** Follower counts measured on fresh feeds only (full feeds would not fit this box's memory). */
    freshOnly: number[];
    /** Full ZSETs for the pipeline baseline on full feeds: at most this many, written round-robin. */
    zsetPool: number;
  };
  /** The `workers` scenario: fan-out into full feeds under each worker setting, one after another. */
  workerSweep: { followers: number; settings: { workers: number; concurrency: number; chunkSize: number }[] };
  /** `gapSeconds`: idle time before each measured publish (0: back to back, every cache warm). */
  latency: { followers: number; publishes: number; samples: number; gapSeconds: number };
  reads: { readers: number; articles: number; warmupSeconds: number; seconds: number; connections: number };
  memory: { users: number; sample: number };
  rebuild: { readers: number; topics: number };
}

const intArg = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
};

const followerList = (value: string): number[] => {
  const sizes = value.split(',').map((s) => Number(s.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new InvalidArgumentError('must be whole numbers ≥ 1');
  return sizes;
};

const scenarioList = (value: string): ScenarioName[] => {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length || !names.length) throw new InvalidArgumentError(`choose from ${SCENARIOS.join(', ')}`);
  return names as ScenarioName[];
};

export function parseOptions(argv: string[]): BenchOptions {
  const program = new Command('bench')
    .description('myNEWS benchmarks: fan-out, publish latency, feed reads, memory, rebuild')
    .option('--quick', 'small sizes and short runs (about a minute)', false)
    .option('--record', 'also copy the report to bench/results/latest.md and latest.svg (the committed copies)', false)
    .option('--full-million', 'also fan out to 1,000,000 followers (fresh feeds only)', false)
    .option('--scenarios <list>', `comma-separated subset of ${SCENARIOS.join(',')}`, scenarioList, [...SCENARIOS])
    .option('--redis-db <n>', 'Redis db index of the bench (flushed before and after)', intArg, 9)
    .option('--cluster [masters]', 'run on a local Redis Cluster of 3 (or [masters]) masters, started and stopped by the bench', intArg)
    .option('--workers <n>', 'fan-out worker processes', intArg, 2)
    .option('--publish-gap <seconds>', "latency: idle time before each measured publish, as between an editor's publishes", intArg, 0)
    .option('--repeats <n>', 'runs per measurement (the median is reported)', intArg)
    .option('--sweep-followers <n>', 'followers of the workers scenario (quick 10000, full 100000)', intArg)
    .option('--sweep-workers <list>', 'worker process counts of the workers scenario', followerList, [1, 2, 4])
    .option('--sweep-concurrency <list>', 'WORKER_CONCURRENCY values tried with 2 processes', followerList, [])
    .option('--sweep-chunks <list>', 'FANOUT_CHUNK_SIZE values tried with 2 processes', followerList, [])
    .option(
      '--fanout-followers <list>',
      "comma-separated follower counts of the fan-out scenario (overrides the mode's sizes)",
      followerList,
    )
    .parse(argv);
  const o = program.opts<{
    quick: boolean;
    record: boolean;
    fullMillion: boolean;
    scenarios: ScenarioName[];
    redisDb: number;
    cluster?: number | true;
    workers: number;
    publishGap: number;
    fanoutFollowers?: number[];
    repeats?: number;
    sweepFollowers?: number;
    sweepWorkers: number[];
    sweepConcurrency: number[];
    sweepChunks: number[];
  }>();
  if (o.redisDb > 15) program.error('--redis-db must be 0..15');
  if (o.workers < 1 || o.workers > 8) program.error('--workers must be 1..8');

  const clusterMasters = o.cluster === true ? 3 : (o.cluster ?? 0);
  if (clusterMasters && clusterMasters < 3) program.error('--cluster needs at least 3 masters');
  // The other scenarios' setup sends multi-key commands across hash slots, which a cluster refuses.
  const onCluster: ScenarioName[] = ['fanout', 'workers'];
  if (clusterMasters && o.scenarios.some((s) => !onCluster.includes(s))) program.error(`--cluster runs only ${onCluster.join(', ')}`);
  const base = { quick: o.quick, record: o.record, scenarios: o.scenarios, redisDb: o.redisDb, clusterMasters, workers: o.workers };
  const defaults = { concurrency: 4, chunkSize: 1000 }; // the app's WORKER_CONCURRENCY and FANOUT_CHUNK_SIZE defaults
  const workerSweep = (followers: number) => ({
    followers: o.sweepFollowers ?? followers,
    settings: [
      ...o.sweepWorkers.map((workers) => ({ workers, ...defaults })),
      ...o.sweepConcurrency.map((concurrency) => ({ workers: 2, concurrency, chunkSize: defaults.chunkSize })),
      ...o.sweepChunks.map((chunkSize) => ({ workers: 2, concurrency: defaults.concurrency, chunkSize })),
    ],
  });
  if (o.quick) {
    return {
      ...base,
      repeats: o.repeats ?? 3,
      fanout: { followers: o.fanoutFollowers ?? [2_000, 10_000], freshOnly: [], zsetPool: 2_000 },
      workerSweep: workerSweep(10_000),
      latency: { followers: 10_000, publishes: 6, samples: 50, gapSeconds: o.publishGap },
      reads: { readers: 2_000, articles: 4_000, warmupSeconds: 2, seconds: 3, connections: 64 },
      memory: { users: 2_000, sample: 500 },
      rebuild: { readers: 5, topics: 20 },
    };
  }
  return {
    ...base,
    repeats: o.repeats ?? 3,
    workerSweep: workerSweep(100_000),
    fanout: {
      followers: o.fanoutFollowers ?? (o.fullMillion ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]),
      freshOnly: o.fullMillion ? [1_000_000] : [],
      zsetPool: 10_000,
    },
    latency: { followers: 10_000, publishes: 20, samples: 50, gapSeconds: o.publishGap },
    reads: { readers: 10_000, articles: 4_000, warmupSeconds: 5, seconds: 10, connections: 64 },
    memory: { users: 10_000, sample: 1_000 },
    rebuild: { readers: 20, topics: 20 },
  };
}

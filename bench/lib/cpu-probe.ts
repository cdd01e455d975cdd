import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { mastersOf, type RedisClient } from '../../src/infra/redis/redis';

// Linux reports process times in clock ticks; 100 per second on every kernel config we run on.
const TICKS_PER_SECOND = 100;

/** CPU used during one measured run, in % of one core (200 = both cores of a 2-core box). */
export interface CpuUse {
  wallMs: number;
  /** This process: the API (Nest app), the bare server and the bench driver. */
  bench: number;
  /** The fan-out worker child processes. */
  workers: number;
  /** The autocannon child process. */
  loadgen: number;
  /** redis-server (INFO cpu; the whole server, other databases included; every master of a cluster, summed). */
  redis: number;
  /** The postgres backends serving the bench's database (those that ended during the run are missed). */
  postgres: number;
  /** The whole box, from /proc/stat. */
  box: number;
  /** box minus all of the above: other work on the machine during the run. */
  others: number;
  cores: number;
}

interface Snapshot {
  at: bigint;
  self: number;
  groups: Record<'workers' | 'loadgen', number>;
  redis: number;
  postgres: Map<number, number>;
  box: { busy: number; total: number };
}

function processSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", utime and stime are the 12th and 13th fields.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Backends name their database in their process title ("postgres: 15/main: user db host(port) state"). */
function postgresBackends(database: string): Map<number, number> {
  const found = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(` ${database} `)) continue;
    } catch {
      continue;
    }
    const seconds = processSeconds(Number(entry));
    if (seconds !== null) found.set(Number(entry), seconds);
  }
  return found;
}

function boxTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** Every master's CPU seconds, summed: a cluster's figure is the whole cluster's. */
async function redisSeconds(redis: RedisClient): Promise<number> {
  let seconds = 0;
  for (const node of await mastersOf(redis)) {
    const info = String(await node.info('cpu'));
    const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    seconds += read('used_cpu_sys') + read('used_cpu_user');
  }
  return seconds;
}

/** Samples CPU of every party of a run, so a result can say whether Node, Redis or Postgres bound it. */
export class CpuProbe {
  constructor(
    private readonly redis: RedisClient,
    private readonly database: string,
    private readonly pids: () => { workers: number[]; loadgen: number[] },
  ) {}

  async start(): Promise<() => Promise<CpuUse>> {
    const before = await this.snapshot();
    return async () => this.diff(before, await this.snapshot());
  }

  private async snapshot(): Promise<Snapshot> {
    const pids = this.pids();
    const group = (list: number[]) => list.reduce((total, pid) => total + (processSeconds(pid) ?? 0), 0);
    const usage = process.cpuUsage();
    return {
      at: process.hrtime.bigint(),
      self: (usage.user + usage.system) / 1e6,
      groups: { workers: group(pids.workers), loadgen: group(pids.loadgen) },
      redis: await redisSeconds(this.redis),
      postgres: postgresBackends(this.database),
      box: boxTicks(),
    };
  }

  private diff(a: Snapshot, b: Snapshot): CpuUse {
    const wallSeconds = Number(b.at - a.at) / 1e9;
    const pct = (seconds: number) => Math.round((seconds / wallSeconds) * 1000) / 10;
    let postgres = 0;
    // A backend the pool opened during the run counts from zero; one that ended during it is lost.
    for (const [pid, seconds] of b.postgres) postgres += seconds - (a.postgres.get(pid) ?? 0);
    const cores = cpus().length;
    const boxShare = (b.box.busy - a.box.busy) / Math.max(1, b.box.total - a.box.total);
    const use = {
      wallMs: Math.round(wallSeconds * 1000),
      bench: pct(b.self - a.self),
      workers: pct(b.groups.workers - a.groups.workers),
      loadgen: pct(b.groups.loadgen - a.groups.loadgen),
      redis: pct(b.redis - a.redis),
      postgres: pct(postgres),
      box: Math.round(boxShare * cores * 1000) / 10,
      cores,
    };
    const ours = use.bench + use.workers + use.loadgen + use.redis + use.postgres;
    return { ...use, others: Math.max(0, Math.round((use.box - ours) * 10) / 10) };
  }
}

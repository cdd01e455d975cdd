import type { BenchEnv } from './lib/bench-env';
import { buildNewsroom, Newsroom } from './lib/newsroom-dataset';

/** One line of the results table: a figure beside its same-run baseline or its target. */
export interface Row {
  section: string;
  measure: string;
  measured: string;
  baseline: string;
  /** measured / baseline, or measured / target for absolute targets; null when there is none. */
  ratio: number | null;
  target: string;
  met: boolean | null;
}

export interface CpuRow {
  run: string;
  cpu: import('./lib/cpu-probe').CpuUse;
}

export interface ScenarioResult {
  rows: Row[];
  cpu: CpuRow[];
  data: unknown;
  /** Markdown lines printed after the tables. */
  notes?: string[];
}

/** What scenarios share: the environment, and one newsroom (topics, articles, cached cards) built on first use. */
export class ScenarioContext {
  private newsroom?: Promise<Newsroom>;
  /** Extra files a scenario leaves beside the results (name → content), written as <stamp>-<name>. */
  readonly artifacts = new Map<string, string>();

  constructor(readonly env: BenchEnv) {}

  sharedNewsroom(): Promise<Newsroom> {
    this.newsroom ??= buildNewsroom(this.env, 20, this.env.options.reads.articles);
    return this.newsroom;
  }

  artifact(name: string, content: string): void {
    this.artifacts.set(name, content);
  }

  log(message: string): void {
    process.stderr.write(`bench: ${message}\n`);
  }
}

export type Scenario = (ctx: ScenarioContext) => Promise<ScenarioResult>;

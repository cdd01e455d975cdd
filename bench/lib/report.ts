import type { CpuRow, Row } from '../scenario';
import { ratio } from './format';
import { median } from './stats';

// Above this share of one core used by other work during the runs, the figures say more about the box than the code.
const NOISY_OTHERS_PCT = 25;

export interface RunInfo {
  startedAt: string;
  mode: string;
  commit: string;
  node: string;
  redis: string;
  postgres: string;
  cores: number;
  workers: number;
  durationSeconds: number;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
const mark = (met: boolean | null) => (met === null ? '' : met ? 'yes' : '**no**');

export function markdownReport(info: RunInfo, rows: Row[], cpu: CpuRow[], notes: string[], errors: string[]): string {
  const lines = [
    `# myNEWS bench, ${info.startedAt} (${info.mode})`,
    '',
    `commit ${info.commit} · Node ${info.node} · Redis ${info.redis} · PostgreSQL ${info.postgres} · ${info.cores} cores · ` +
      `${info.workers} worker processes · ${info.durationSeconds} s`,
    '',
    'Ratios are measured / baseline of the same run (or measured / target where the target is absolute).',
    '',
    ...noiseNote(cpu),
    '| section | measure | measured | baseline (same run) | ratio | target | met |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.section)} | ${cell(r.measure)} | ${cell(r.measured)} | ${cell(r.baseline)} | ${ratio(r.ratio)} | ${cell(r.target)} | ${mark(r.met)} |`,
    ),
  ];
  if (cpu.length) {
    lines.push(
      '',
      'CPU during the median run of each measurement, % of one core (box = whole machine; others = box minus the parties listed):',
      '',
      '| run | wall | bench process (API) | workers | load gen | redis | postgres | others | box |',
      '|---|---|---|---|---|---|---|---|---|',
      ...cpu.map(
        ({ run, cpu: c }) =>
          `| ${cell(run)} | ${c.wallMs} ms | ${c.bench}% | ${c.workers}% | ${c.loadgen}% | ${c.redis}% | ${c.postgres}% | ${c.others}% | ${c.box}% |`,
      ),
    );
  }
  if (notes.length) lines.push('', ...notes);
  if (errors.length) lines.push('', '**Scenarios that failed:**', '', ...errors.map((e) => `- ${cell(e)}`));
  return lines.join('\n') + '\n';
}

function noiseNote(cpu: CpuRow[]): string[] {
  if (!cpu.length) return [];
  const others = median(cpu.map((c) => c.cpu.others));
  if (others < NOISY_OTHERS_PCT) return [];
  return [
    `**Noisy box:** other processes used a median ${others}% of one core (of ${cpu[0].cpu.cores * 100}%) during the runs ` +
      '(see the CPU table): absolute figures are low and ratios less certain; rerun on a quiet machine before acting on them.',
    '',
  ];
}

import { readFileSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import { summarise } from './cpu-profiler';

/** Prints the hot functions of .cpuprofile files (e.g. the workers' under BENCH_WORKER_PROFILE_DIR). */
for (const file of process.argv.slice(2)) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profiler.Profile;
  const { self, byProjectFunction } = summarise(profile, 25);
  console.log(`\n${file}\nself:`);
  for (const f of self) console.log(`  ${f.selfPct.toFixed(1).padStart(5)}%  ${f.fn}  ${f.where}`);
  console.log('by project function:');
  for (const f of byProjectFunction) console.log(`  ${f.selfPct.toFixed(1).padStart(5)}%  ${f.fn}  ${f.where}`);
}

#!/usr/bin/env node
// npm test: every suite on one Redis; then, for a full run (no arguments), the Redis-touching integration and e2e
// suites again on a local 3-master Redis Cluster (jest.cluster.config.cjs). Arguments go to the first pass only,
// so `npm test -- --selectProjects e2e -- <file>` runs that one file once; `npm run test:cluster` runs the second pass.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The browser tests drive Debian's Chromium (never a downloaded browser): a full run installs it when it is missing.
const CHROMIUM = '/usr/bin/chromium';
function ensureChromium() {
  if (existsSync(CHROMIUM) || !existsSync('/usr/bin/apt-get')) return;
  const root = process.getuid?.() === 0;
  console.log(`Installing Debian's chromium for the browser tests (${root ? '' : 'sudo '}apt-get install --reinstall -y chromium)…`);
  const apt = (args) => spawnSync(root ? 'apt-get' : 'sudo', root ? args : ['apt-get', ...args], { stdio: 'inherit' }).status;
  if (apt(['install', '--reinstall', '-y', '-qq', 'chromium']) !== 0)
    apt(['update', '-qq']) === 0 && apt(['install', '--reinstall', '-y', '-qq', 'chromium']);
}

const jest = (args) =>
  spawnSync(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--runInBand', ...args], { stdio: 'inherit' })
    .status ?? 1;

// A full run starts one Jest process per project: in one process for every suite the heap grew past 4 GB by the
// e2e suites, and garbage collection then slowed each later suite several times over.
const PROJECTS = ['unit', 'medium', 'integration', 'e2e', 'browser'];

const args = process.argv.slice(2);
if (!args.length || args.includes('browser')) ensureChromium();
const single = args.length
  ? jest(args)
  : (PROJECTS.map((project) => jest(['--selectProjects', project])).find((status) => status !== 0) ?? 0);
const cluster = args.length ? 0 : jest(['-c', 'jest.cluster.config.cjs']);
process.exit(single || cluster);

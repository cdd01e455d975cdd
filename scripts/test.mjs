#!/usr/bin/env node
// npm test: every suite on one Redis; then, for a full run (no arguments), the Redis-touching integration and e2e
// suites again on a local 3-master Redis Cluster (jest.cluster.config.cjs). Arguments go to the first pass only,
// so `npm test -- --selectProjects e2e -- <file>` runs that one file once; `npm run test:cluster` runs the second pass.
import { spawnSync } from 'node:child_process';

const jest = (args) =>
  spawnSync(process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--runInBand', ...args], { stdio: 'inherit' })
    .status ?? 1;

const args = process.argv.slice(2);
const single = jest(args);
const cluster = args.length ? 0 : jest(['-c', 'jest.cluster.config.cjs']);
process.exit(single || cluster);

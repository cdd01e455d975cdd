#!/usr/bin/env node
// A throwaway local Redis Cluster for tests and benchmarks: N masters (default 3), no replicas unless asked (a
// failover test), no persistence, on free loopback ports in a temp dir; stopped by the pids it wrote there.
//   node scripts/redis-cluster.mjs start [masters]   prints REDIS_CLUSTER_NODES=... and CLUSTER_DIR=...
//   node scripts/redis-cluster.mjs stop <dir>
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const canListen = (port) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

// A node needs its port and its cluster bus port (port + 10000) free.
async function freeNodePort(taken) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    if (taken.has(port) || taken.has(port + 10000)) continue;
    if ((await canListen(port)) && (await canListen(port + 10000))) return port;
  }
  throw new Error('no free port pair for a cluster node');
}

const cli = (port, ...args) => execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' });

async function until(what, check, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`redis cluster: ${what} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * Starts the cluster; resolves to { dir, nodes: 'host:port,...' } once every node reports cluster_state:ok and every
 * replica is in sync. `replicas` per master; `nodeTimeoutMs` is how long a master may be unreachable before its
 * replica takes over.
 */
export async function startCluster({ masters = 3, replicas = 0, nodeTimeoutMs = 5000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mynews-redis-cluster-'));
  const ports = [];
  try {
    const taken = new Set();
    for (let i = 0; i < masters * (1 + replicas); i++) {
      const port = await freeNodePort(taken);
      taken.add(port).add(port + 10000);
      ports.push(port);
      execFileSync('redis-server', [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        String(nodeTimeoutMs),
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'yes',
        '--dir',
        dir,
        '--pidfile',
        join(dir, `redis-${port}.pid`),
        '--logfile',
        join(dir, `redis-${port}.log`),
      ]);
    }
    for (const port of ports) await until(`node ${port} did not answer`, () => cli(port, 'ping').trim() === 'PONG');
    const addresses = ports.map((p) => `127.0.0.1:${p}`);
    execFileSync('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', String(replicas), '--cluster-yes'], {
      stdio: 'ignore',
    });
    for (const port of ports)
      await until(`node ${port} did not reach cluster_state:ok`, () => cli(port, 'cluster', 'info').includes('cluster_state:ok'));
    for (const port of ports)
      await until(`replica ${port} did not sync`, () => {
        const info = cli(port, 'info', 'replication');
        return info.includes('role:master') || info.includes('master_link_status:up');
      });
    const nodes = addresses.join(',');
    writeFileSync(join(dir, 'nodes.txt'), nodes);
    return { dir, nodes };
  } catch (error) {
    stopCluster(dir);
    throw error;
  }
}

/** Kills one node of a cluster started here (SIGKILL: it vanishes as a crashed host would). */
export function killNode(dir, port) {
  process.kill(Number(readFileSync(join(dir, `redis-${port}.pid`), 'utf8').trim()), 'SIGKILL');
}

/** Kills the nodes by the pids in their pid files and removes the dir. */
export function stopCluster(dir) {
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir).filter((f) => /^redis-\d+\.pid$/.test(f))) {
    const pid = Number(readFileSync(join(dir, file), 'utf8').trim());
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, arg] = process.argv.slice(2);
  if (command === 'start') {
    const { dir, nodes } = await startCluster({ masters: arg ? Number(arg) : 3 });
    console.log(`REDIS_CLUSTER_NODES=${nodes}\nCLUSTER_DIR=${dir}`);
  } else if (command === 'stop' && arg) {
    stopCluster(arg);
  } else {
    console.error('usage: node scripts/redis-cluster.mjs start [masters] | stop <dir>');
    process.exit(2);
  }
}

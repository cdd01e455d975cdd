import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const binDir = (): string => {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  return `/usr/lib/postgresql/${versions[0]}/bin`;
};

/** initdb refuses root: the cluster's commands then run as the postgres user. */
const runAs = (command: string, args: string[]): void => {
  const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: 'ignore', timeout: 60_000 });
};

/** A Postgres cluster of the test's own on a free loopback port (trust auth), to restart and stop at will. */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'mynews-pg-'));
    chmodSync(dir, 0o777);
    const pg = new PrivatePostgres(await freePort(), join(dir, 'data'));
    runAs(`${binDir()}/initdb`, ['-D', pg.dir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    pg.start();
    return pg;
  }

  get baseUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  start(): void {
    const options = `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    runAs(`${binDir()}/pg_ctl`, ['-D', this.dir, '-o', options, '-w', '-l', join(this.dir, '..', 'log'), 'start']);
  }

  restart(): void {
    runAs(`${binDir()}/pg_ctl`, ['-D', this.dir, '-m', 'fast', '-w', 'restart']);
  }

  destroy(): void {
    try {
      runAs(`${binDir()}/pg_ctl`, ['-D', this.dir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(join(this.dir, '..'), { recursive: true, force: true });
    }
  }
}

import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { LoadCommand, LoadResult } from './load-child';

/** autocannon in a child process, fed the readers once, then asked for runs. */
export class LoadGenerator {
  private constructor(private readonly child: ChildProcess) {}

  static async start(ids: string[], tokens: string[], perReader?: Record<string, string[]>): Promise<LoadGenerator> {
    const child = fork(resolve(__dirname, 'load-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const gen = new LoadGenerator(child);
    await gen.ask({ type: 'readers', ids, tokens, perReader });
    return gen;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Closed loop (each connection sends when answered), or open loop at `rate` requests/s over all connections. */
  run(url: string, path: string, connections: number, seconds: number, rate?: number): Promise<LoadResult> {
    return this.ask({ type: 'run', url, path, connections, seconds, rate }) as Promise<LoadResult>;
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }

  private ask(command: LoadCommand): Promise<unknown> {
    return new Promise((done, fail) => {
      const onExit = (code: number | null) => fail(new Error(`load generator exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (answer: { type: string; message?: string }) => {
        this.child.off('exit', onExit);
        if (answer.type === 'error') fail(new Error(answer.message));
        else done(answer);
      });
      this.child.send(command);
    });
  }
}

import { jest } from '@jest/globals';
import { createCliProgram } from '../../src/cli/cli-program';
import type { AppConfig } from '../../src/infra/config/app-config';

class ExitCalled extends Error {
  constructor(readonly code: number | undefined) {
    super(`process.exit(${code})`);
  }
}

export interface CliRun {
  out: string;
  err: string;
  exitCode: number;
}

export interface RunningCli {
  /** What the command printed so far (console.log / console.error and stderr), live. */
  out: string[];
  err: string[];
  done: Promise<CliRun>;
}

/**
 * Starts the CLI in-process, as `node dist/src/cli/cli.js <args>` would run, capturing its output
 * and turning process.exit into the run's exit code. Output is captured until `done` settles.
 */
export function startCli(...args: string[]): RunningCli {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  // commander writes its own usage errors to stderr directly.
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk).trimEnd());
    return true;
  });
  const exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
    throw new ExitCalled(code === undefined || code === null ? undefined : Number(code));
  });
  const done = (async (): Promise<CliRun> => {
    try {
      await createCliProgram().parseAsync(['node', 'cli.js', ...args]);
      return { out: out.join('\n'), err: err.join('\n'), exitCode: 0 };
    } catch (e) {
      if (!(e instanceof ExitCalled)) throw e;
      return { out: out.join('\n'), err: err.join('\n'), exitCode: e.code ?? 0 };
    } finally {
      log.mockRestore();
      error.mockRestore();
      stderr.mockRestore();
      exit.mockRestore();
    }
  })();
  return { out, err, done };
}

export const cli = (...args: string[]): Promise<CliRun> => startCli(...args).done;

const ENV_KEYS = ['NODE_ENV', 'LOG_LEVEL', 'DATABASE_URL', 'REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_PREFIX'] as const;

/** The CLI reads its configuration from the environment: point it at a test's database and prefix. */
export function useCliEnv(config: AppConfig, extra: Record<string, string> = {}): () => void {
  const saved = new Map<string, string | undefined>();
  const values: Record<string, string> = {
    NODE_ENV: config.NODE_ENV,
    LOG_LEVEL: config.LOG_LEVEL,
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    ...(config.REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES: config.REDIS_CLUSTER_NODES } : {}),
    REDIS_PREFIX: config.REDIS_PREFIX,
    ...extra,
  };
  for (const key of new Set([...ENV_KEYS, ...Object.keys(extra)])) {
    saved.set(key, process.env[key]);
    if (values[key] === undefined) delete process.env[key];
    else process.env[key] = values[key];
  }
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

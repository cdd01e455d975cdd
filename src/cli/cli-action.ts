import { loadConfig } from '../infra/config/app-config';
import { exitWithStartupError } from '../infra/startup-error';
import { CliContext } from './cli-context';
import { CliError } from './cli-error';

/**
 * Wraps a command's handler for commander: loads the config (only when a command runs, so
 * --help works with a bad environment), hands over a context, closes it, and reports failures.
 * A handler may return an exit code (e.g. 130 after Ctrl-C), used once everything is closed.
 */
export function cliAction<A extends unknown[]>(
  handler: (context: CliContext, ...args: A) => Promise<void | number>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    let context: CliContext | undefined;
    let exitCode: void | number;
    try {
      context = new CliContext(loadConfig());
      exitCode = await handler(context, ...args);
      await context.close();
    } catch (error) {
      await context?.close();
      if (error instanceof CliError) {
        console.error(`error: ${error.message}`);
        process.exit(1);
      }
      exitWithStartupError(error); // names the unreachable Postgres/Redis and how to start it
    }
    if (exitCode) process.exit(exitCode);
  };
}

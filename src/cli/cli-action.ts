import { loadConfig } from '../infra/config/app-config';
import { exitWithStartupError } from '../infra/startup-error';
import { CliContext } from './cli-context';
import { CliError } from './cli-error';

/**
 * Wraps a command's handler for commander: loads the config (only when a command runs, so
 * --help works with a bad environment), hands over a context, closes it, and reports failures.
 */
export function cliAction<A extends unknown[]>(
  handler: (context: CliContext, ...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    let context: CliContext | undefined;
    try {
      context = new CliContext(loadConfig());
      await handler(context, ...args);
      await context.close();
    } catch (error) {
      await context?.close();
      if (error instanceof CliError) {
        console.error(`error: ${error.message}`);
        process.exit(1);
      }
      exitWithStartupError(error); // names the unreachable Postgres/Redis and how to start it
    }
  };
}

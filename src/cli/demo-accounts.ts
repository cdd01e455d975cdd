import type { AppConfig } from '../infra/config/app-config';
import { CliError } from './cli-error';

/** The seed's demo accounts share a published password: a production database never gets them. */
export function refuseDemoAccountsInProduction(config: AppConfig, command: string): void {
  if (config.isProduction) {
    throw new CliError(
      `${command} creates demo accounts with a published password and is refused when NODE_ENV=production; ` +
        'create real accounts with user:create',
    );
  }
}

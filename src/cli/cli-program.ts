import { Command } from 'commander';
import { registerAlertsReplayCommand } from './commands/alerts-replay.command';
import { registerDemoCommand } from './commands/demo.command';
import { registerFanoutReplayCommand } from './commands/fanout-replay.command';
import { registerFeedRebuildCommand } from './commands/feed-rebuild.command';
import { registerJobsFailedCommand } from './commands/jobs-failed.command';
import { registerJobsRetryCommand } from './commands/jobs-retry.command';
import { registerOpenApiCommand } from './commands/openapi.command';
import { registerSeedCommand } from './commands/seed.command';
import { registerUserCreateCommand } from './commands/user-create.command';

// Adding a command: one file in commands/ exporting register<Name>Command, and one entry here.
const COMMANDS: ((program: Command) => void)[] = [
  registerDemoCommand,
  registerSeedCommand,
  registerUserCreateCommand,
  registerFeedRebuildCommand,
  registerJobsFailedCommand,
  registerJobsRetryCommand,
  registerFanoutReplayCommand,
  registerOpenApiCommand,
  registerAlertsReplayCommand,
];

export function createCliProgram(): Command {
  const program = new Command('mynews')
    .description('myNEWS operations: npm run cli -- <command>')
    // One line per error, as for every other failure; commands inherit this when they are added.
    .configureOutput({ outputError: (message, write) => write(`${message.trimEnd()} (--help for usage)\n`) });
  for (const register of COMMANDS) register(program);
  return program;
}

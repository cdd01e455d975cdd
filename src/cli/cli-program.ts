import { Command } from 'commander';
import { registerSeedCommand } from './commands/seed.command';
import { registerUserCreateCommand } from './commands/user-create.command';

// Adding a command: one file in commands/ exporting register<Name>Command, and one entry here.
const COMMANDS: ((program: Command) => void)[] = [registerSeedCommand, registerUserCreateCommand];

export function createCliProgram(): Command {
  const program = new Command('mynews').description('myNEWS operations: npm run cli -- <command>').showHelpAfterError();
  for (const register of COMMANDS) register(program);
  return program;
}

import { isEmail } from 'class-validator';
import { Option, type Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { PasswordHasher } from '../../auth/password-hasher.service';
import { passwordProblem } from '../../auth/password-policy';
import { normalizeEmail } from '../../users/user-input';
import { ROLES, type Role } from '../../users/user.entity';
import { UsersRepository } from '../../users/users.repository';
import { cliAction } from '../cli-action';
import { CliError } from '../cli-error';

interface UserCreateOptions {
  email: string;
  role: Role;
  password?: string;
  name?: string;
}

// The same limit as registration: display name 1..80 (the password's rule is passwordProblem's).
const NAME_MAX_LENGTH = 80;

export function registerUserCreateCommand(program: Command): void {
  program
    .command('user:create')
    .description('create an account (e.g. the first editor); prints its id')
    .requiredOption('--email <email>', 'sign-in email')
    .addOption(new Option('--role <role>', 'role of the account').choices(ROLES).makeOptionMandatory())
    .option('--password <password>', 'password (8..128 characters, not a common one); generated and printed when absent')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .action(
      cliAction(async (context, options: UserCreateOptions) => {
        const email = normalizeEmail(options.email);
        if (!isEmail(email)) throw new CliError(`--email "${options.email}" is not an email address`);
        const generated = options.password === undefined;
        const password = options.password ?? randomBytes(12).toString('base64url');
        const problem = passwordProblem(password);
        if (problem) throw new CliError(`--password ${problem}`);
        const displayName = (options.name ?? email.split('@')[0]).trim();
        if (!displayName || displayName.length > NAME_MAX_LENGTH) throw new CliError(`--name must be 1..${NAME_MAX_LENGTH} characters`);

        const dataSource = await context.dataSource();
        const passwordHash = await new PasswordHasher().hash(password);
        const id = await new UsersRepository(dataSource).insertIfNewEmail({ email, passwordHash, displayName, role: options.role });
        if (id === null) throw new CliError(`a user with email ${email} already exists`);
        console.log(`Created ${options.role} ${email} with id ${id}`);
        if (generated) console.log(`Generated password (shown only now): ${password}`);
      }),
    );
}

/** A failure the operator caused and can fix: printed as one line, without a stack trace. */
import { StartupError } from '../infra/startup-error';

export class CliError extends StartupError {}

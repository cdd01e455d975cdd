/** A failure the operator caused and can fix: printed as one line, without a stack trace. */
export class CliError extends Error {}

export interface FieldError {
  field: string;
  message: string;
}

/** A domain error with a stable machine code; the problem filter turns it into problem+json. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  // Fastify's name for it: error handlers of plugin scopes (the dashboard's) keep the status instead of a 500.
  get statusCode(): number {
    return this.status;
  }
}

export const validationFailed = (field: string, message: string) =>
  new AppError(400, 'VALIDATION_FAILED', `${field} ${message}`, [{ field, message }]);

export const notFound = (code: string, what: string) => new AppError(404, code, `${what} was not found.`);

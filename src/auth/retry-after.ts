/** Whole seconds for a Retry-After header: rounded up, and never 0 while the limit still holds. */
export const retryAfterSeconds = (msBeforeNext: number): number => Math.max(1, Math.ceil(msBeforeNext / 1000));

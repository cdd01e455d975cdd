/** Emails are compared and stored trimmed and lower-cased, so `Ann@X.org ` and `ann@x.org` are one account. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** For class-transformer: normalizes strings and leaves anything else for the validators to reject. */
export const normalizeEmailValue = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? normalizeEmail(value) : value);

export const trimValue = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

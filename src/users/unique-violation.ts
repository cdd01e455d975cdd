const UNIQUE_VIOLATION = '23505';

/** True for Postgres' unique_violation, whether raw from pg or wrapped in TypeORM's QueryFailedError. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return e?.code === UNIQUE_VIOLATION || e?.driverError?.code === UNIQUE_VIOLATION;
}

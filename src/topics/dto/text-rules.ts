import { Transform } from 'class-transformer';
import { NotContains, ValidateBy } from 'class-validator';

/** Trims strings and leaves anything else for the type checks to reject. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Postgres text cannot hold NUL; reject it as input rather than fail the query. */
export const NoNul = () => NotContains('\u0000', { message: 'must not contain NUL characters' });

/** Counts code points as Postgres varchar does (class-validator's MaxLength discounts some). */
export const MaxChars = (max: number) =>
  ValidateBy({
    name: 'maxChars',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value === 'string' && [...value].length <= max,
      defaultMessage: () => `must be at most ${max} characters`,
    },
  });

import { InvalidArgumentError } from 'commander';
import { isEntityId } from '../infra/http/entity-id';

/** Commander parsers: a bad value is a usage error (exit 1, the option named), before anything connects. */
export function parseId(value: string): string {
  if (!isEntityId(value)) throw new InvalidArgumentError('must be an id (digits, no leading zero)');
  return value;
}

export function parseCount(min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number ${min}..${max}`);
    return n;
  };
}

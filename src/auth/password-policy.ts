import { ValidateBy, type ValidationOptions } from 'class-validator';
import { COMMON_PASSWORDS_TEXT } from './common-passwords';

export const PASSWORD_LENGTH = { min: 8, max: 128 };

const COMMON_PASSWORDS = new Set(COMMON_PASSWORDS_TEXT.split(' '));

/**
 * The one rule for a password being set (registration, ADMIN_PASSWORD, `user:create`): 8..128
 * characters, not blank, and not one of the commonest passwords (compared case-insensitively).
 * Signing in checks none of this: an old password still signs in.
 */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) {
    return `must be ${PASSWORD_LENGTH.min}..${PASSWORD_LENGTH.max} characters`;
  }
  if (!password.trim()) return 'must not be blank';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'is one of the commonest passwords; choose another';
  return undefined;
}

/** For DTOs: the field's message says what is wrong (length, blank, common). */
export const IsAcceptablePassword = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isAcceptablePassword',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordProblem(value) === undefined,
        defaultMessage: (args) => (typeof args?.value === 'string' ? passwordProblem(args.value) : undefined) ?? 'must be a string',
      },
    },
    options,
  );

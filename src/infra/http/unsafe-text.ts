const hasLoneSurrogate = (text: string): boolean => !(text as string & { isWellFormed(): boolean }).isWellFormed();

/** Why a string cannot be stored as Postgres text (or sent on as UTF-8), or undefined when it can. */
export function unsafeTextReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (hasLoneSurrogate(text)) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
}

export interface UnsafeText {
  field: string;
  message: string;
}

/**
 * The first string anywhere in `value` (keys included) that Postgres would refuse, with its path
 * (`summary.1`). Bodies are at most 32 levels deep by then (json-depth.ts), so recursion is bounded.
 */
export function findUnsafeText(value: unknown, path = ''): UnsafeText | undefined {
  if (typeof value === 'string') {
    const message = unsafeTextReason(value);
    return message ? { field: path, message } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    const keyReason = unsafeTextReason(key);
    if (keyReason) return { field: path || '(name)', message: `field names ${keyReason}` };
    const found = findUnsafeText(item, field);
    if (found) return found;
  }
  return undefined;
}

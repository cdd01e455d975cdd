/**
 * Whether a secret could be `minBits` of randomness, judged from the text alone. It cannot see a
 * dictionary phrase; it catches what is plainly not random: too short for its alphabet, few distinct
 * characters, runs and repeats. Written for the output of `openssl rand -hex 32` / `-base64 32`.
 *
 * - bits = length x log2(alphabet): 16 for hex; 64 for base64/base64url text that has both letter
 *   cases (taken as an encoding of random bytes); else the sum of the classes it uses (26 lower,
 *   26 upper, 10 digits, 33 other);
 * - the characters' own Shannon entropy must be at least 3 bits each (`Ab1!Ab1!...` has 2);
 * - at most half of neighbouring characters may be equal or next to each other (`abcdef`, `111`);
 * - no 8 characters may occur twice (a pattern typed again).
 * Random secrets pass every rule with overwhelming odds (a repeat of 8 hex characters by chance in
 * 64: about 4 in 10 million).
 */
export function secretWeakness(secret: string, minBits: number): string | undefined {
  const chars = [...secret];
  const bits = chars.length * Math.log2(alphabetSize(secret));
  if (bits < minBits)
    return `must carry at least ${minBits / 8} bytes of randomness (this looks like ${Math.floor(bits / 8)}); use e.g. \`openssl rand -hex 32\``;
  if (shannonBitsPerChar(chars) < 3) return 'has too few distinct characters to be random';
  if (runFraction(chars) > 0.5) return 'is mostly runs or sequences of characters, not random';
  if (hasRepeat(secret, 8)) return 'repeats a stretch of characters, not random';
  return undefined;
}

function alphabetSize(secret: string): number {
  if (/^[0-9a-f]+$/i.test(secret)) return 16;
  const bothCases = /[a-z]/.test(secret) && /[A-Z]/.test(secret);
  if (bothCases && (/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || /^[A-Za-z0-9_-]+$/.test(secret))) return 64;
  const classes: [RegExp, number][] = [
    [/[a-z]/, 26],
    [/[A-Z]/, 26],
    [/[0-9]/, 10],
    [/[^A-Za-z0-9]/, 33],
  ];
  return classes.reduce((sum, [pattern, size]) => sum + (pattern.test(secret) ? size : 0), 0) || 1;
}

function shannonBitsPerChar(chars: string[]): number {
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / chars.length) * Math.log2(n / chars.length);
  return bits;
}

function runFraction(chars: string[]): number {
  let steps = 0;
  for (let i = 1; i < chars.length; i++) {
    if (Math.abs(chars[i].codePointAt(0)! - chars[i - 1].codePointAt(0)!) <= 1) steps++;
  }
  return chars.length > 1 ? steps / (chars.length - 1) : 1;
}

function hasRepeat(secret: string, length: number): boolean {
  const seen = new Set<string>();
  for (let i = 0; i + length <= secret.length; i++) {
    const part = secret.slice(i, i + length);
    if (seen.has(part)) return true;
    seen.add(part);
  }
  return false;
}

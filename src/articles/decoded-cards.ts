import { hash } from 'node:crypto';
import { decodeEnvelope, type CachedCard } from './card-envelope';

interface Decoded {
  value: string;
  card: CachedCard | null;
  digest?: string;
}

// About one entry per card in readers' windows; past it the memo starts over rather than tracking use.
const MAX_ENTRIES = 50_000;
const memo = new Map<number, Decoded>();

function entryOf(id: number, value: string): Decoded {
  const known = memo.get(id);
  // A card's stored value changes with every version: the same text is the same card, decoded once.
  if (known && known.value === value) return known;
  if (memo.size >= MAX_ENTRIES) memo.clear();
  const entry: Decoded = { value, card: decodeEnvelope(value) };
  memo.set(id, entry);
  return entry;
}

/** decodeEnvelope of an article's stored card, once per version of it in this process. */
export function decodedCard(id: number, value: string): CachedCard | null {
  return entryOf(id, value).card;
}

/** A short digest of an article's stored card, standing for its text in a page's version tag. */
export function cardDigest(id: number, value: string): string {
  const entry = entryOf(id, value);
  return (entry.digest ??= hash('sha1', value, 'base64url'));
}

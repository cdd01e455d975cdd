/**
 * THE muted-word matcher, beside the feed rule: a muted phrase matches an article when it occurs,
 * case-insensitively and as whole words, in its headline or a summary bullet. "Whole words" means the
 * characters just before and after the phrase are not Unicode letters, digits or combining marks, so
 * `Trump` does not match `Trumpet` and `café` does not match `cafés`. Spaces inside a phrase match any
 * run of white space; punctuation in a phrase is literal.
 */

/** What the matcher reads of an article. */
export interface MutableText {
  headline: string;
  summary: readonly string[];
}

const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]';
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 10_000;

/** The stored form of a phrase: NFC, trimmed, inner white space collapsed to one space. */
export function normalizePhrase(phrase: string): string {
  return phrase.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

function phraseRegExp(phrase: string): RegExp {
  const key = normalizePhrase(phrase).toLowerCase();
  let re = compiled.get(key);
  if (!re) {
    const body = key
      .split(' ')
      .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
      .join('\\s+');
    re = new RegExp(`(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`, 'iu');
    // Phrases repeat across readers and chunks; the cache is bounded so odd phrases cannot grow it forever.
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

/** Does this one phrase occur as whole words in the text. */
export function phraseMatches(phrase: string, text: string): boolean {
  return phraseRegExp(phrase).test(text.normalize('NFC'));
}

/** Does the article match any of these (active) phrases. */
export function matchesMutedWords(article: MutableText, phrases: readonly string[]): boolean {
  if (!phrases.length) return false;
  const texts = [article.headline, ...article.summary].map((t) => t.normalize('NFC'));
  return phrases.some((phrase) => {
    const re = phraseRegExp(phrase);
    return texts.some((t) => re.test(t));
  });
}

/**
 * The same for a card as stored (JSON text): parsed only when there are phrases to look for, so a reader
 * without muted words pays nothing.
 */
export function cardMatchesMutedWords(cardJson: string, phrases: readonly string[]): boolean {
  if (!phrases.length) return false;
  const card = JSON.parse(cardJson) as Partial<MutableText>;
  return matchesMutedWords({ headline: card.headline ?? '', summary: card.summary ?? [] }, phrases);
}

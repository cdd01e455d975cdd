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

/** A normalised, lower-cased phrase as a pattern: words literal, any white space between them. */
function phraseBody(key: string): string {
  return key
    .split(' ')
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');
}

function phraseRegExp(phrase: string): RegExp {
  const key = normalizePhrase(phrase).toLowerCase();
  let re = compiled.get(key);
  if (!re) {
    re = new RegExp(`(?<!${WORD_CHAR})${phraseBody(key)}(?!${WORD_CHAR})`, 'iu');
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

/**
 * A list of phrases compiled into one pattern (an alternation tries every phrase at each place, so it matches
 * exactly when one of them does), kept per list: readers repeat their list on every read.
 */
class PhrasesMatcher {
  private readonly re: RegExp;

  constructor(keys: readonly string[]) {
    this.re = new RegExp(`(?<!${WORD_CHAR})(?:${keys.map(phraseBody).join('|')})(?!${WORD_CHAR})`, 'iu');
  }

  /** `texts`: NFC already, each judged alone (a phrase never spans the headline and a bullet). */
  test(texts: readonly string[]): boolean {
    return texts.some((t) => this.re.test(t));
  }
}

const matchers = new Map<string, PhrasesMatcher>();
const MAX_MATCHERS = 1_000;
// A read passes the same list for every card it judges: found by identity, the list is not even joined again.
const byList = new WeakMap<readonly string[], PhrasesMatcher>();

function matcherOf(phrases: readonly string[]): PhrasesMatcher {
  let matcher = byList.get(phrases);
  if (matcher) return matcher;
  const id = JSON.stringify(phrases);
  matcher = matchers.get(id);
  if (!matcher) {
    matcher = new PhrasesMatcher([...new Set(phrases.map((p) => normalizePhrase(p).toLowerCase()))]);
    if (matchers.size >= MAX_MATCHERS) matchers.clear();
    matchers.set(id, matcher);
  }
  byList.set(phrases, matcher);
  return matcher;
}

const textsOf = (article: MutableText): string[] => [article.headline, ...article.summary].map((t) => t.normalize('NFC'));

/** Does the article match any of these (active) phrases. */
export function matchesMutedWords(article: MutableText, phrases: readonly string[]): boolean {
  if (!phrases.length) return false;
  return matcherOf(phrases).test(textsOf(article));
}

/** What a stored card is judged on, and the last few verdicts on it (readers reread the same cards). */
interface CardText {
  texts: string[];
  verdicts: [PhrasesMatcher, boolean][];
}

const cardTexts = new Map<string, CardText>();
const MAX_CARD_TEXTS = 20_000;
const VERDICTS_PER_CARD = 4;

function cardText(cardJson: string): CardText {
  let entry = cardTexts.get(cardJson);
  if (!entry) {
    const card = JSON.parse(cardJson) as Partial<MutableText>;
    entry = { texts: textsOf({ headline: card.headline ?? '', summary: card.summary ?? [] }), verdicts: [] };
    if (cardTexts.size >= MAX_CARD_TEXTS) cardTexts.clear();
    cardTexts.set(cardJson, entry);
  }
  return entry;
}

/**
 * The same for a card as stored (JSON text): parsed only when there are phrases to look for, so a reader
 * without muted words pays nothing. The card's text and verdicts are kept by its JSON, which changes with
 * any edit, so a kept verdict is never stale.
 */
export function cardMatchesMutedWords(cardJson: string, phrases: readonly string[]): boolean {
  if (!phrases.length) return false;
  const matcher = matcherOf(phrases);
  const entry = cardText(cardJson);
  const kept = entry.verdicts.find(([m]) => m === matcher);
  if (kept) return kept[1];
  const verdict = matcher.test(entry.texts);
  if (entry.verdicts.length >= VERDICTS_PER_CARD) entry.verdicts.shift();
  entry.verdicts.push([matcher, verdict]);
  return verdict;
}

import { cardMatchesMutedWords, matchesMutedWords, normalizePhrase, phraseMatches } from './muted-words';

describe('muted-word matcher', () => {
  it('matches whole words only, case-insensitively', () => {
    expect(phraseMatches('Trump', 'trump speaks at rally')).toBe(true);
    expect(phraseMatches('trump', 'TRUMP SPEAKS')).toBe(true);
    expect(phraseMatches('Trump', 'A trumpet solo')).toBe(false);
    expect(phraseMatches('Trump', 'Antitrump rally')).toBe(false);
    expect(phraseMatches('pet', 'trumpet')).toBe(false);
  });

  it('treats punctuation and edges as word boundaries', () => {
    expect(phraseMatches('trump', 'Trump.')).toBe(true);
    expect(phraseMatches('trump', '"Trump", they said')).toBe(true);
    expect(phraseMatches('trump', "Trump's plan")).toBe(true);
    expect(phraseMatches('trump', '(trump)')).toBe(true);
    expect(phraseMatches('covid-19', 'New COVID-19 wave')).toBe(true);
    expect(phraseMatches('covid', 'New COVID-19 wave')).toBe(true);
    expect(phraseMatches('u.s.', 'The U.S. economy')).toBe(true);
    expect(phraseMatches('u.s.', 'The US economy')).toBe(false);
    expect(phraseMatches('c++', 'Why C++ lives on')).toBe(true);
    expect(phraseMatches('a.b', 'axb')).toBe(false);
  });

  it('is Unicode-aware: letters beyond ASCII are word characters', () => {
    expect(phraseMatches('café', 'Le Café de Flore')).toBe(true);
    expect(phraseMatches('café', 'Les cafés ferment')).toBe(false);
    expect(phraseMatches('caf', 'Le café')).toBe(false);
    expect(phraseMatches('Ölpreis', 'Der ÖLPREIS steigt')).toBe(true);
    expect(phraseMatches('öl', 'Ölpreis')).toBe(false);
    expect(phraseMatches('Москва', 'Новости: москва сегодня')).toBe(true);
    expect(phraseMatches('Москва', 'Москвабад')).toBe(false);
    expect(phraseMatches('2024', 'Election 2024!')).toBe(true);
    expect(phraseMatches('2024', 'Election 20245')).toBe(false);
    expect(phraseMatches('東京', '東京 オリンピック')).toBe(true);
  });

  it('compares composed and decomposed forms alike', () => {
    const decomposed = 'Cafe\u0301 society';
    expect(phraseMatches('café', decomposed)).toBe(true);
    expect(phraseMatches('cafe', decomposed)).toBe(false);
  });

  it('matches multi-word phrases across any white space, not across other words', () => {
    expect(phraseMatches('new york', 'Snow in New York tonight')).toBe(true);
    expect(phraseMatches('new   york', 'Snow in new\tyork')).toBe(true);
    expect(phraseMatches('new york', 'Snow in New Yorkshire')).toBe(false);
    expect(phraseMatches('new york', 'Snow in New and York')).toBe(false);
    expect(phraseMatches('york', 'New York')).toBe(true);
  });

  it('looks at the headline and every summary bullet', () => {
    const article = { headline: 'Markets rally', summary: ['Oil falls', 'Crypto slumps again'] };
    expect(matchesMutedWords(article, ['crypto'])).toBe(true);
    expect(matchesMutedWords(article, ['MARKETS'])).toBe(true);
    expect(matchesMutedWords(article, ['bitcoin', 'gold'])).toBe(false);
    expect(matchesMutedWords(article, [])).toBe(false);
    expect(matchesMutedWords(article, ['oil falls'])).toBe(true);
    expect(matchesMutedWords(article, ['rally oil'])).toBe(false);
  });

  it('normalises the stored phrase', () => {
    expect(normalizePhrase('  New \t York  ')).toBe('New York');
    expect(normalizePhrase('Cafe\u0301')).toBe('Café');
  });
});

describe('cardMatchesMutedWords', () => {
  const card = JSON.stringify({ id: '1', headline: 'Summit opens', summary: ['Leaders meet in Paris'], authors: ['Crypto Smith'] });
  it('reads the headline and summary of a stored card, not its other fields', () => {
    expect(cardMatchesMutedWords(card, ['paris'])).toBe(true);
    expect(cardMatchesMutedWords(card, ['SUMMIT'])).toBe(true);
    expect(cardMatchesMutedWords(card, ['crypto'])).toBe(false);
    expect(cardMatchesMutedWords(card, [])).toBe(false);
  });
});

describe('one matcher per phrase list', () => {
  it('matches when any phrase of the list does, even where an earlier one starts and fails its word boundary', () => {
    const article = { headline: 'Snow in New Yorkshire', summary: [] };
    expect(matchesMutedWords(article, ['new york', 'new'])).toBe(true);
    expect(matchesMutedWords(article, ['new york', 'yorks'])).toBe(false);
    expect(matchesMutedWords({ headline: 'Why C++ lives on', summary: [] }, ['c', 'c++'])).toBe(true);
    expect(matchesMutedWords({ headline: 'Le Café', summary: [] }, ['caf', 'CAFÉ'])).toBe(true);
  });

  it('answers a card again by the list asked now, not by a verdict kept for another list', () => {
    const card = JSON.stringify({ id: '2', headline: 'Crypto slumps', summary: ['Bitcoin falls'] });
    expect(cardMatchesMutedWords(card, ['gold'])).toBe(false);
    expect(cardMatchesMutedWords(card, ['bitcoin'])).toBe(true);
    for (let i = 0; i < 6; i++) expect(cardMatchesMutedWords(card, [`other${i}`])).toBe(false);
    expect(cardMatchesMutedWords(card, ['gold'])).toBe(false);
    expect(cardMatchesMutedWords(card, ['bitcoin'])).toBe(true);
    expect(cardMatchesMutedWords(card, ['gold', 'crypto'])).toBe(true);
  });

  it('judges an edited card by its new text', () => {
    const before = JSON.stringify({ id: '3', headline: 'Summit opens', summary: [] });
    const after = JSON.stringify({ id: '3', headline: 'Summit opens in Paris', summary: [] });
    expect(cardMatchesMutedWords(before, ['paris'])).toBe(false);
    expect(cardMatchesMutedWords(after, ['paris'])).toBe(true);
  });

  it('tells apart lists whose phrases would join to the same text', () => {
    const article = { headline: 'a b', summary: [] };
    expect(matchesMutedWords(article, ['x\ny', 'a b'])).toBe(true);
    expect(matchesMutedWords(article, ['x', 'y\na b'])).toBe(false);
  });
});

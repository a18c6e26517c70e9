import { daysInWords, fileSlug, formatIban, joinList, longDate, money, percent, registration, shortDate } from './letter-format';
import { isWinAnsi, toWinAnsi } from './win-ansi';

const nb = '\u00A0';

describe('letter formats', () => {
  it('writes dates in words (French "1er") and short forms, never through Intl', () => {
    expect(longDate('2026-03-01', 'fr')).toBe(`1er${nb}mars${nb}2026`);
    expect(longDate('2025-08-20', 'fr')).toBe(`20${nb}août${nb}2025`);
    expect(longDate('2025-08-01', 'en')).toBe(`1${nb}August${nb}2025`);
    expect(shortDate('2025-07-04', 'fr')).toBe('04/07/2025');
    expect(shortDate('2025-07-04', 'en')).toBe(`4${nb}Jul${nb}2025`);
  });

  it('formats money, rates, IBANs and registration numbers as printed', () => {
    expect(money(531_805, 'fr')).toBe(`5${nb}318,05${nb}€`);
    expect(money(531_805, 'en')).toBe('€5,318.05');
    expect(percent('13.15', 'fr')).toBe(`13,15${nb}%`);
    expect(percent('10.50', 'en')).toBe('10.50%');
    expect(formatIban('fr76 3000 6000 0112 3456 7890 189')).toBe('FR76 3000 6000 0112 3456 7890 189');
    expect(registration('812345678')).toBe('SIREN 812 345 678');
    expect(registration('443 061 841 00047')).toBe('SIRET 443 061 841 00047');
    expect(registration('812 345 678', 'RCS Lyon')).toBe('RCS Lyon 812 345 678');
    expect(registration('0123.456.789')).toBe('0123.456.789');
  });

  it('joins lists and writes deadlines in words and figures', () => {
    expect(joinList(['a', 'b', 'c'], 'fr')).toBe('a, b et c');
    expect(joinList(['a', 'b'], 'en')).toBe('a and b');
    expect(daysInWords(8, 'fr')).toBe('huit (8)');
    expect(daysInWords(15, 'en')).toBe('fifteen (15)');
  });

  it('makes file-name-safe slugs', () => {
    expect(fileSlug('REL/2026 #42')).toBe('REL-2026-42');
    expect(fileSlug('Échéance été')).toBe('Echeance-ete');
    expect(fileSlug('///')).toBe('letter');
  });
});

describe('WinAnsi text for the standard fonts', () => {
  it('keeps French, the euro sign, typographic quotes and the no-break space', () => {
    const french = `« L’œuvre » coûte 1${nb}234,56${nb}€ – Ÿ, Œ, ç, é`;
    expect(toWinAnsi(french)).toBe(french);
    expect([...french].every(isWinAnsi)).toBe(true);
  });

  it('maps other spaces and dashes, strips accents it cannot draw, and marks the rest', () => {
    expect(toWinAnsi('1\u202F234\u2009€')).toBe(`1${nb}234 €`);
    expect(toWinAnsi('Łódź – Kraków – Brașov – Dvořák')).toBe('Lódz – Kraków – Brasov – Dvorák');
    expect(toWinAnsi('a\u2011b \u2212 5')).toBe('a-b - 5');
    expect(toWinAnsi('東京 AB\u200B')).toBe('?? AB');
    expect(toWinAnsi('line 1\nline 2')).toBe('line 1\nline 2');
  });
});

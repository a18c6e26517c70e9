/**
 * The PDF standard fonts (Helvetica here) are drawn through the WinAnsi (cp1252) encoding: every
 * character of French, English and most Western European text, the euro sign and U+00A0 (the
 * no-break space of formatMoney) are in it. pdfkit writes any other character as a garbage code,
 * so text is brought into WinAnsi first: spaces and dashes to their nearest WinAnsi form, letters
 * to their base letter ('Łódź' → 'Lodz', as a French postal address would carry it), the rest to '?'.
 */

/** The Unicode code points of cp1252's 0x80-0x9F range that are assigned. */
const CP1252_HIGH = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u202F': '\u00A0', // narrow no-break space (CLDR French) → no-break space
  '\u2007': '\u00A0', // figure space
  '\u2009': ' ', // thin space
  '\u200A': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2010': '-',
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '\u2013',
  '\u2212': '-', // minus sign
  '\u2032': "'",
  '\u2033': '"',
  '\u0141': 'L', // Ł and ł have no decomposition
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u00A0': '\u00A0',
  '\t': ' ',
};

export function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_HIGH.has(code);
}

/** Text that Helvetica can draw: every character in WinAnsi; line breaks kept. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text) {
    if (char === '\n' || isWinAnsi(char)) {
      out += char;
      continue;
    }
    const replacement = REPLACEMENTS[char];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    const base = [...char.normalize('NFD')].filter(isWinAnsi).join('');
    if (base) out += base;
    else if (!/[\u0300-\u036f\u200B-\u200D\u2060\uFEFF\r]/.test(char)) out += '?'; // drop invisible marks
  }
  return out;
}

/**
 * Guards the rule that src/domain stays pure, because workflow code imports it into Temporal's
 * deterministic sandbox. (This spec may use Node; the rules may not.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as domain from '.';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [file] : [];
  });
}

describe('src/domain purity', () => {
  const files = sourceFiles(__dirname);

  it.each(files.map((file) => [path.relative(__dirname, file), file]))('%s imports only relative modules, uses no clock, randomness or Intl', (_name, file) => {
    // Comments may name what the code avoids (Intl...); check the code only.
    const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]);
    expect(imports.filter((specifier) => !specifier.startsWith('.'))).toEqual([]);
    expect(text).not.toMatch(/\brequire\(|\bimport\(/);
    expect(text).not.toMatch(/\bIntl\b|toLocale\w*\(|Date\.now\(|new Date\(\)|Math\.random\(|\bprocess\.|setTimeout\(/);
  });

  it('exports the public API from src/domain/index.ts', () => {
    for (const name of [
      'addDays', 'daysBetween', 'compareDates', 'isValidCalendarDate', 'isFrenchPublicHoliday', 'isBusinessDay',
      'nextBusinessDay', 'parisInstant', 'parisDateOf', 'halfYearOf',
      'formatMoney', 'assertCents', 'sumCents', 'isCents',
      'SHIPPED_RATE_TABLES', 'ecbRateForHalfYear', 'frenchLegalRateForHalfYear', 'belgianB2bRateForHalfYear', 'MissingRateError',
      'computePenalties', 'InvalidPenaltyInputError',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});

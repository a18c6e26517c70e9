/**
 * Renders every kind in both languages from the sample case. With LETTER_SAMPLES_DIR set, also
 * writes the PDFs there, to look at them (docs/letters/ holds PNGs made from them):
 *   LETTER_SAMPLES_DIR=/tmp/letters npx jest src/activities/letters/letter-samples.spec.ts
 *   pdftoppm -png -r 50 /tmp/letters/formal_notice.fr.pdf docs/letters/formal_notice.fr
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LETTER_KINDS, renderLetter } from '.';
import { sampleLetter } from './letter-samples';

describe('sample letters', () => {
  const outDir = process.env.LETTER_SAMPLES_DIR;

  it.each(LETTER_KINDS.flatMap((kind) => (['fr', 'en'] as const).map((language) => [kind, language] as const)))(
    '%s (%s) renders on at most two A4 pages',
    async (kind, language) => {
      const letter = await renderLetter(kind, sampleLetter(kind), language);
      expect(letter.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(letter.pageCount).toBeGreaterThanOrEqual(1);
      expect(letter.pageCount).toBeLessThanOrEqual(2);
      if (outDir) {
        fs.mkdirSync(outDir, { recursive: true });
        fs.writeFileSync(path.join(outDir, `${kind}.${language}.pdf`), letter.pdf);
      }
    },
  );
});

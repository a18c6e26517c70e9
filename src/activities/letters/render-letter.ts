import { createHash } from 'node:crypto';
import { parseCalendarDate } from '../../domain/calendar/calendar-date';
import { buildLetterContent } from './letter-content';
import { checkLetterData } from './letter-data-check';
import { layoutLetter } from './letter-layout';
import type { LetterDataByKind, LetterKind, LetterLanguage, RenderedLetter } from './letter-types';

/**
 * Renders one dunning letter as an A4 PDF. Pure: data in, bytes out (no database, network or
 * clock); the same input gives the same bytes, so `sha256` can be stored as the document checksum.
 *
 * Throws InvalidLetterDataError (code LETTER.INVALID_DATA) when the data is incomplete or its amounts
 * do not add up, and UnsupportedLetterError (LETTER.UNSUPPORTED) for a Belgian formal notice: both
 * are permanent, not worth a retry.
 */
export async function renderLetter<K extends LetterKind>(
  kind: K,
  data: LetterDataByKind[K],
  language: LetterLanguage = 'fr',
): Promise<RenderedLetter> {
  const family = checkLetterData(kind, data, language);
  const content = buildLetterContent(kind, data, language, family);
  const { pdf, pageCount } = await layoutLetter(content, {
    title: content.heading ? `${content.heading} – ${data.debtor.legalName}` : `${content.subject} – ${data.debtor.legalName}`,
    author: data.creditor.legalName,
    subject: content.subject,
    date: pdfDate(data.letterDate),
    lang: language === 'fr' ? 'fr-FR' : 'en-GB',
  });
  return {
    kind,
    language,
    pdf,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    pageCount,
    fileName: content.fileName,
    subject: content.subject,
    amounts: content.amounts,
  };
}

/** The letter date at noon UTC: the same calendar day in Paris and in any viewer's time zone in Europe. */
function pdfDate(letterDate: string): Date {
  const { year, month, day } = parseCalendarDate(letterDate);
  return new Date(Date.UTC(year, month - 1, day, 12, 0, 0));
}

export const renderWrittenReminder = (data: LetterDataByKind['written_reminder'], language?: LetterLanguage) =>
  renderLetter('written_reminder', data, language);
export const renderRegisteredWarning = (data: LetterDataByKind['registered_warning'], language?: LetterLanguage) =>
  renderLetter('registered_warning', data, language);
export const renderFormalNotice = (data: LetterDataByKind['formal_notice'], language?: LetterLanguage) =>
  renderLetter('formal_notice', data, language);
export const renderPenaltyInvoice = (data: LetterDataByKind['penalty_invoice'], language?: LetterLanguage) =>
  renderLetter('penalty_invoice', data, language);

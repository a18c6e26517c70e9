import { computePenalties } from '../../domain/penalties';
import { checkLetterData, letterAmounts } from './letter-data-check';
import { InvalidLetterDataError } from './letter-errors';
import type { LetterData, LetterKind } from './letter-types';
import { SAMPLE_CREDITOR, sampleFormalNotice, sampleWrittenReminder } from './letter-samples';

const invalid = (field: string) => expect.objectContaining({ code: 'LETTER.INVALID_DATA', field });

describe('checkLetterData', () => {
  it('accepts the samples and names their legal family', () => {
    expect(checkLetterData('written_reminder', sampleWrittenReminder(), 'fr')).toBe('FR_BUSINESS');
    expect(checkLetterData('formal_notice', sampleFormalNotice(), 'en')).toBe('FR_BUSINESS');
  });

  it('refuses unknown kinds and languages', () => {
    expect(() => checkLetterData('fax' as LetterKind, sampleWrittenReminder(), 'fr')).toThrow(invalid('kind'));
    expect(() => checkLetterData('written_reminder', sampleWrittenReminder(), 'de' as never)).toThrow(invalid('language'));
  });

  it.each<[string, (data: LetterData) => LetterData]>([
    ['creditor.vatNumber', (d) => ({ ...d, creditor: { ...SAMPLE_CREDITOR, vatNumber: '' } })],
    ['creditor.signatory.name', (d) => ({ ...d, creditor: { ...SAMPLE_CREDITOR, signatory: { name: '', title: 'CFO' } } })],
    ['creditor.bankAccount.iban', (d) => ({ ...d, creditor: { ...SAMPLE_CREDITOR, bankAccount: { iban: ' ', bic: 'X' } } })],
    ['debtor.addressLines', (d) => ({ ...d, debtor: { ...d.debtor, addressLines: [] } })],
    ['letterDate', (d) => ({ ...d, letterDate: '2025-02-30' })],
    ['paymentDeadline', (d) => ({ ...d, paymentDeadline: '2025-07-02' })],
    ['paymentReference', (d) => ({ ...d, paymentReference: '' })],
    ['invoices', (d) => ({ ...d, invoices: [] })],
    ['invoices[0].amountCents', (d) => ({ ...d, invoices: [{ ...d.invoices[0], amountCents: 12.5 }] })],
  ])('refuses a letter with a bad %s', (field, change) => {
    expect(() => checkLetterData('written_reminder', change(sampleWrittenReminder()), 'fr')).toThrow(invalid(field));
  });

  it('refuses penalties that do not add up or run past their date', () => {
    const data = sampleWrittenReminder();
    const [first, second] = data.invoices;
    const lines = { ...first, penalties: { ...first.penalties, interestCents: first.penalties.interestCents + 1, totalCents: first.penalties.totalCents + 1 } };
    expect(() => checkLetterData('written_reminder', { ...data, invoices: [lines, second] }, 'fr')).toThrow(invalid('invoices[0].penalties.segments'));
    const total = { ...first, penalties: { ...first.penalties, totalCents: 1 } };
    expect(() => checkLetterData('written_reminder', { ...data, invoices: [total] }, 'fr')).toThrow(invalid('invoices[0].penalties.totalCents'));
    const principal = { ...first, amountCents: first.penalties.outstandingCents - 1 };
    expect(() => checkLetterData('written_reminder', { ...data, invoices: [principal] }, 'fr')).toThrow(invalid('invoices[0].penalties.outstandingCents'));
    expect(() => checkLetterData('written_reminder', { ...data, penaltiesAsOf: '2025-07-01' }, 'fr')).toThrow(invalid('invoices[0].penalties.segments[1].to'));
  });

  it('refuses a letter mixing French and Belgian or business and consumer rules', () => {
    const data = sampleWrittenReminder();
    const consumer = {
      ...data.invoices[1],
      penalties: computePenalties({ jurisdiction: 'FR', debtorType: 'consumer', amountCents: 432_000, currency: 'EUR', dueDate: '2025-06-25', payments: [], asOf: '2025-07-03' }),
    };
    expect(() => checkLetterData('written_reminder', { ...data, invoices: [data.invoices[0], consumer] }, 'fr')).toThrow(InvalidLetterDataError);
  });

  it('refuses a formal notice with another deadline than 8 or 15 days', () => {
    expect(() => checkLetterData('formal_notice', { ...sampleFormalNotice(), deadlineDays: 10 as never }, 'fr')).toThrow(invalid('deadlineDays'));
  });
});

describe('letterAmounts', () => {
  it('sums principal, interest and indemnity over the invoices', () => {
    const { invoices } = sampleFormalNotice();
    expect(letterAmounts({ invoices })).toEqual({
      principalCents: 518_000,
      interestCents: 5_805,
      indemnityCents: 8_000,
      totalDueCents: 531_805,
      penaltiesCents: 13_805,
    });
  });
});

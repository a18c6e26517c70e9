/**
 * Reads the rendered PDFs back (pdf-parse for the text, the raw content streams for the encoded
 * bytes) and checks every mandatory mention and amount of each letter against the penalty engine.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { formatMoney } from '../../domain/money';
import { computePenalties } from '../../domain/penalties';
import {
  InvalidLetterDataError,
  letterAmounts,
  renderFormalNotice,
  renderLetter,
  renderPenaltyInvoice,
  renderRegisteredWarning,
  renderWrittenReminder,
  UnsupportedLetterError,
  type FormalNoticeData,
  type LetterData,
} from '.';
import {
  SAMPLE_CREDITOR,
  SAMPLE_DEBTOR,
  SAMPLE_INVOICES,
  sampleFormalNotice,
  sampleInvoices,
  samplePenaltyInvoice,
  sampleRegisteredWarning,
  sampleWrittenReminder,
} from './letter-samples';

// pdf-parse's index.js runs a self-test when module.parent is unset (as under jest): load the library file.
// Its bundled pdf.js 1.10 misreads Node Buffers now and then ("bad XRef entry"); a plain Uint8Array is read reliably.
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (
  data: Uint8Array,
) => Promise<{ text: string; numpages: number; info: Record<string, unknown> }>;

/** The text of the PDF, every run of whitespace (no-break spaces included) made one space. */
async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await pdfParse(new Uint8Array(pdf));
  return text.replace(/[\s\u00A0]+/g, ' ');
}

/**
 * Whether `text` holds `expected`, ignoring whitespace: pdf-parse puts a line break only where the
 * baseline changes, so a label and its amount read 'Total dû5 318,05 €' on one line and with a break
 * after a wrapped label. The order of the characters still has to match.
 */
const squash = (text: string) => text.replace(/[\s\u00A0]+/g, '');
const has = (text: string, expected: string) => squash(text).includes(squash(expected));

/**
 * The bytes of every text-showing operation, as written in the content streams (WinAnsi codes):
 * proves what the standard font is asked to draw, which text extraction can hide (it maps 0xA0 to a space).
 */
function shownBytes(pdf: Buffer): Buffer[] {
  const shown: Buffer[] = [];
  const raw = pdf.toString('latin1');
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a deflated content stream
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      shown.push(Buffer.from(hex, 'hex'));
    }
  }
  return shown;
}

const winAnsi = (text: string) =>
  Buffer.from([...text].map((char) => (char === '€' ? 0x80 : char === '–' ? 0x96 : char.charCodeAt(0))));

function expectAll(text: string, expected: readonly string[]): void {
  const missing = expected.filter((mention) => !has(text, mention));
  expect(missing).toEqual([]);
}

/** Both parties' identities and addresses, the creditor's billing contact: on every letter. */
function partyMentions(language: 'fr' | 'en'): string[] {
  const vat = language === 'fr' ? 'TVA' : 'VAT';
  return [
    SAMPLE_CREDITOR.legalName,
    'RCS Lyon 812 345 678',
    `${vat} FR42812345678`,
    ...SAMPLE_CREDITOR.addressLines,
    SAMPLE_CREDITOR.billingContact.name,
    SAMPLE_CREDITOR.billingContact.email,
    SAMPLE_CREDITOR.billingContact.phone,
    SAMPLE_DEBTOR.legalName,
    ...SAMPLE_DEBTOR.addressLines,
    'M. Paul Martin',
    'SIRET 443 061 841 00047',
    `${vat} FR61443061841`,
    'FR76 3000 6000 0112 3456 7890 189',
    'AGRIFRPPXXX',
    'BMF-2025-0457', // payment reference
  ];
}

/** The engine's numbers for the sample invoices, computed here independently of the letter. */
function engineTotals(asOf: string) {
  const results = SAMPLE_INVOICES.map((invoice) =>
    computePenalties({
      jurisdiction: 'FR',
      debtorType: 'business',
      amountCents: invoice.amountCents,
      currency: 'EUR',
      dueDate: invoice.dueDate,
      payments: invoice.payments,
      asOf,
    }),
  );
  const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    results,
    principal: sum((r) => r.outstandingCents),
    interest: sum((r) => r.interestCents),
    indemnity: sum((r) => r.indemnityCents),
  };
}

describe('written reminder', () => {
  it('states both parties, the invoices, the amount split, the terms and consequences, the deadline and reference (fr)', async () => {
    const letter = await renderWrittenReminder(sampleWrittenReminder());
    const text = await pdfText(letter.pdf);
    const engine = engineTotals('2025-07-03');
    // 1,860.00 unpaid 22 days (06-12..07-03: 19 at 13.15 %, 3 at 12.15 %); 4,320.00 unpaid 8 days.
    expect(engine).toMatchObject({ principal: 618_000, interest: 2_669, indemnity: 8_000 });
    expect(letter.amounts).toEqual({
      principalCents: 618_000,
      interestCents: 2_669,
      indemnityCents: 8_000,
      totalDueCents: 628_669,
      penaltiesCents: 10_669,
    });
    expectAll(text, [
      ...partyMentions('fr'),
      'Lyon, le 3 juillet 2025',
      'Objet : Relance – 2 factures impayées (6 286,69 €)',
      'malgré nos relances du 12/06/2025 et du 26/06/2025',
      // invoice: number, date, due date, what was sold, amount
      'F-2025-0412',
      '12/05/2025',
      '11/06/2025',
      'Maintenance du parc informatique – mai 2025',
      'F-2025-0457',
      '26/05/2025',
      '25/06/2025',
      'Licences logicielles – 12 postes (abonnement annuel)',
      '1 860,00 €',
      '4 320,00 €',
      // split
      'Principal restant dû (TTC)6 180,00 €',
      'Intérêts de retard au 03/07/2025 26,69 €',
      'Indemnités forfaitaires pour frais de recouvrement (2 × 40,00 €)80,00 €',
      'Total dû6 286,69 €',
      // terms and consequences of late payment
      'articles L441-10 et D441-5 du Code de commerce',
      "sans qu'un rappel soit nécessaire",
      "soit, selon la période, 13,15 % et 12,15 % l'an",
      'indemnité forfaitaire pour frais de recouvrement de 40 € par facture',
      // what to do
      'régler la somme de 6 286,69 € au plus tard le 10 juillet 2025',
      'Référence à rappeler',
      "Nous vous prions d'agréer",
      'Julien Morel',
      'Directeur administratif et financier',
    ]);
    expect(letter.subject).toBe('Relance – 2 factures impayées (6\u00A0286,69\u00A0€)');
    expect(letter.fileName).toBe('2025-07-03_relance_REL-2025-0098.pdf');
    expect(letter.pageCount).toBe(1);
  });

  it('is written in English on request', async () => {
    const text = await pdfText((await renderLetter('written_reminder', sampleWrittenReminder(), 'en')).pdf);
    expectAll(text, [
      ...partyMentions('en'),
      'Lyon, 3 July 2025',
      'Subject: Reminder – 2 unpaid invoices (€6,286.69)',
      'Dear Sir or Madam,',
      '12 May 2025',
      '11 Jun 2025',
      'Outstanding principal (incl. VAT)€6,180.00',
      'Late-payment interest to 3 Jul 2025€26.69',
      'Total due€6,286.69',
      'articles L441-10 and D441-5 of the French Commercial Code',
      'a fixed indemnity for recovery costs of €40 per invoice',
      'Please pay the sum of €6,286.69 by 10 July 2025 at the latest',
      'Yours faithfully,',
    ]);
  });
});

describe('registered warning', () => {
  it('is firm, gives a date and announces the hand-over to a collection agency or a bailiff', async () => {
    const letter = await renderRegisteredWarning(sampleRegisteredWarning());
    const text = await pdfText(letter.pdf);
    const engine = engineTotals('2025-07-10');
    expect(letter.amounts).toMatchObject({ principalCents: engine.principal, interestCents: engine.interest, indemnityCents: engine.indemnity });
    expect(engine.principal).toBe(518_000); // 1,000.00 received on 4 July
    expectAll(text, [
      ...partyMentions('fr'),
      "Lettre recommandée avec demande d'avis de réception n° 1A 234 567 8901 2",
      'Lyon, le 10 juillet 2025',
      'Objet : Dernier rappel avant mise en demeure – 2 factures impayées',
      'Malgré nos relances du 12/06/2025, du 26/06/2025 et du 03/07/2025',
      '4 320,00 €3 320,00 €', // amount and what is still due on the partly paid invoice
      'Principal restant dû (TTC)5 180,00 €',
      'Intérêts de retard au 10/07/2025 39,08 €',
      'Total dû5 299,08 €',
      'Nous vous demandons de régler la somme de 5 299,08 € au plus tard le 18 juillet 2025.',
      'nous vous adresserons une mise en demeure',
      'à une société de recouvrement ou à un commissaire de justice',
    ]);
    expect(letter.amounts.totalDueCents).toBe(529_908);
  });
});

describe('formal notice (mise en demeure)', () => {
  it('shows every mention the law and practice require (fr)', async () => {
    const letter = await renderFormalNotice(sampleFormalNotice());
    const text = await pdfText(letter.pdf);
    const engine = engineTotals('2025-07-21');
    expect(letter.amounts).toEqual({
      principalCents: engine.principal,
      interestCents: engine.interest,
      indemnityCents: engine.indemnity,
      totalDueCents: engine.principal + engine.interest + engine.indemnity,
      penaltiesCents: engine.interest + engine.indemnity,
    });
    expect(letter.amounts).toMatchObject({ principalCents: 518_000, interestCents: 5_805, indemnityCents: 8_000, totalDueCents: 531_805 });
    expectAll(text, [
      'LETTRE DE MISE EN DEMEURE',
      "Lettre recommandée avec demande d'avis de réception n° 1A 234 567 8912 7",
      'Lyon, le 21 juillet 2025',
      ...partyMentions('fr'),
      'Objet : Mise en demeure de payer la somme de 5 318,05 €',
      'Malgré nos relances du 12/06/2025 et du 03/07/2025 et notre lettre recommandée du 10/07/2025',
      'vous restez redevable envers Atelier Numérique Lumière de la somme de 5 318,05 €',
      // what is unpaid: numbers, dates, what was sold, amounts
      'F-2025-0412',
      '12/05/2025',
      'Maintenance du parc informatique – mai 2025',
      'F-2025-0457',
      'Licences logicielles – 12 postes (abonnement annuel)',
      '4 320,00 €3 320,00 €',
      // split into principal, late interest and the flat indemnity
      'Cette somme se décompose comme suit :',
      'Principal restant dû (TTC)5 180,00 €',
      'Intérêts de retard au 21/07/2025 58,05 €',
      'Indemnités forfaitaires pour frais de recouvrement (2 × 40,00 €)80,00 €',
      'Total dû5 318,05 €',
      'articles L441-10 et D441-5 du Code de commerce',
      // deadline
      'nous vous mettons en demeure, par la présente, de nous régler la somme de 5 318,05 € dans un délai de huit (8) jours, soit au plus tard le 29 juillet 2025',
      "Les intérêts de retard continuent de courir jusqu'au complet paiement.",
      // legal action, court, legal basis
      'nous engagerons sans autre avis une action en justice devant le Tribunal des activités économiques de Lyon',
      'avec toutes les conséquences que la loi y attache',
      'La présente lettre vaut mise en demeure au sens des articles 1344 et 1344-1 du Code civil.',
      // signature of a person with authority
      'Pour Atelier Numérique Lumière',
      'Julien Morel',
      'Directeur administratif et financier',
    ]);
    expect(text.indexOf('LETTRE DE MISE EN DEMEURE')).toBeLessThan(text.indexOf('Madame, Monsieur'));
    expect(letter.pageCount).toBe(2);
    expect(text).toContain('Page 1/2');
    expect(text).toContain('Page 2/2');
  });

  it('shows the same mentions in English, with the French title alongside', async () => {
    const text = await pdfText((await renderLetter('formal_notice', sampleFormalNotice(), 'en')).pdf);
    expectAll(text, [
      'FORMAL NOTICE TO PAY',
      '(lettre de mise en demeure)',
      'By registered letter with acknowledgment of receipt No. 1A 234 567 8912 7',
      'Lyon, 21 July 2025',
      ...partyMentions('en'),
      'Subject: Formal notice to pay the sum of €5,318.05',
      'Despite our reminders of 12 Jun 2025 and 3 Jul 2025 and our registered letter of 10 Jul 2025',
      'you still owe Atelier Numérique Lumière the sum of €5,318.05',
      'This sum is made up as follows:',
      'Outstanding principal (incl. VAT)€5,180.00',
      'Late-payment interest to 21 Jul 2025€58.05',
      'Fixed recovery-cost indemnities (2 × €40.00)€80.00',
      'Total due€5,318.05',
      'articles L441-10 and D441-5 of the French Commercial Code',
      'We therefore hereby give you formal notice to pay us the sum of €5,318.05 within eight (8) days, that is by 29 July 2025 at the latest',
      'bring legal action before the Tribunal des activités économiques de Lyon',
      'with all the consequences attached by law',
      'articles 1344 and 1344-1 of the French Civil Code',
      'For Atelier Numérique Lumière',
      'Julien Morel',
      'Page 1 of 2',
    ]);
  });

  it('gives fifteen days when asked, and refuses a deadline shorter than announced', async () => {
    const data: FormalNoticeData = { ...sampleFormalNotice(), deadlineDays: 15, paymentDeadline: '2025-08-05' };
    expectAll(await pdfText((await renderFormalNotice(data)).pdf), ['dans un délai de quinze (15) jours, soit au plus tard le 5 août 2025']);
    await expect(renderFormalNotice({ ...data, paymentDeadline: '2025-08-04' })).rejects.toThrow(
      expect.objectContaining({ code: 'LETTER.INVALID_DATA', field: 'paymentDeadline' }),
    );
  });

  it('needs a court, and refuses to cite French law to a Belgian debtor', async () => {
    await expect(renderFormalNotice({ ...sampleFormalNotice(), competentCourt: ' ' })).rejects.toThrow(InvalidLetterDataError);
    const belgian = sampleInvoices('2025-07-21').map((invoice) => ({
      ...invoice,
      penalties: computePenalties({
        jurisdiction: 'BE',
        debtorType: 'business',
        amountCents: invoice.amountCents,
        currency: 'EUR',
        dueDate: invoice.dueDate,
        payments: [],
        asOf: '2025-07-21',
      }),
    }));
    await expect(renderFormalNotice({ ...sampleFormalNotice(), invoices: belgian })).rejects.toThrow(UnsupportedLetterError);
    // The other letters cite the Belgian law instead.
    const text = await pdfText((await renderWrittenReminder({ ...sampleWrittenReminder(), penaltiesAsOf: '2025-07-21', letterDate: '2025-07-21', paymentDeadline: '2025-07-31', invoices: belgian })).pdf);
    expectAll(text, ['loi du 2 août 2002 concernant la lutte contre le retard de paiement dans les transactions commerciales']);
    expect(text).not.toContain('L441-10');
  });
});

describe('penalty invoice', () => {
  it('shows each computation line (period, days, base, rate, amount) exactly as the engine computed it', async () => {
    const letter = await renderPenaltyInvoice(samplePenaltyInvoice());
    const text = await pdfText(letter.pdf);
    const engine = engineTotals('2025-07-21');
    const lines = engine.results.flatMap((result, i) => result.segments.map((segment) => ({ number: SAMPLE_INVOICES[i].number, ...segment })));
    expect(lines).toHaveLength(5); // 0412: June, July; 0457: June, July before and after the partial payment
    const frMoney = (cents: number) => formatMoney(cents, 'EUR', 'fr');
    const frDate = (d: string) => `${d.slice(8)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    for (const line of lines) {
      // One table row: invoice, period, days, base, rate, amount, in that order on one line.
      const row = `${line.number}du ${frDate(line.from)} au ${frDate(line.to)}${line.days}${frMoney(line.baseCents)}${line.ratePercent.replace('.', ',')} %${frMoney(line.interestCents)}`;
      expectAll(text, [row]);
    }
    expectAll(text, [
      'F-2025-0412du 12/06/2025 au 30/06/2025191 860,00 €13,15 %12,73 €',
      'F-2025-0457du 05/07/2025 au 21/07/2025173 320,00 €12,15 %18,79 €',
      'Total58,05 €',
    ]);
    expect(lines.reduce((sum, line) => sum + line.interestCents, 0)).toBe(engine.interest);
    expectAll(text, [
      'FACTURE DE PÉNALITÉS DE RETARD',
      'Facture n°PEN-2025-0007',
      'Date de facture21 juillet 2025',
      ...partyMentions('fr'),
      'articles L441-10 et D441-5 du Code de commerce',
      'Intérêts = base × taux × jours / 365',
      'Indemnités forfaitaires pour frais de recouvrement',
      'F-2025-041211/06/20251 860,00 €40,00 €',
      'F-2025-045725/06/20254 320,00 €40,00 €',
      'Total des intérêts de retard58,05 €',
      'Total des indemnités forfaitaires80,00 €',
      'Total à payer138,05 €',
      'Montants non soumis à la TVA',
      'Au plus tard le 20 août 2025',
      'principal restant dû de 5 180,00 €',
    ]);
    expect(text).not.toMatch(/TVA\s*\(?\d|20,00 %/); // no VAT line or rate anywhere
    expect(letter.amounts.penaltiesCents).toBe(engine.interest + engine.indemnity);
    expect(letter.fileName).toBe('2025-07-21_facture-penalites_PEN-2025-0007.pdf');
  });

  it('says "not subject to VAT" in English', async () => {
    const text = await pdfText((await renderLetter('penalty_invoice', samplePenaltyInvoice(), 'en')).pdf);
    expectAll(text, [
      'LATE-PAYMENT PENALTY INVOICE',
      'F-2025-0412 | 12 Jun 2025 to 30 Jun 2025 | 19 | €1,860.00 | 13.15% | €12.73'.replace(/ \| /g, ''),
      'Total to pay€138.05',
      'Amounts not subject to VAT',
    ]);
  });

  it('refuses an invoice of nothing', async () => {
    const paidOnTime = sampleInvoices('2025-06-11').slice(0, 1); // asOf = due date: nothing accrued
    await expect(
      renderPenaltyInvoice({ ...samplePenaltyInvoice(), invoices: paidOnTime, penaltiesAsOf: '2025-06-11', letterDate: '2025-06-11', paymentDeadline: '2025-07-11' }),
    ).rejects.toThrow(expect.objectContaining({ code: 'LETTER.INVALID_DATA', field: 'invoices' }));
  });
});

describe('consumer debtor (France)', () => {
  it('claims no flat indemnity and cites the legal rate running from the formal notice', async () => {
    const invoices = sampleInvoices('2025-07-03').map((invoice) => ({
      ...invoice,
      penalties: computePenalties({
        jurisdiction: 'FR',
        debtorType: 'consumer',
        amountCents: invoice.amountCents,
        currency: 'EUR',
        dueDate: invoice.dueDate,
        payments: [],
        asOf: '2025-07-03',
      }),
    }));
    const letter = await renderWrittenReminder({ ...sampleWrittenReminder(), invoices });
    const text = await pdfText(letter.pdf);
    expect(letter.amounts).toMatchObject({ interestCents: 0, indemnityCents: 0, totalDueCents: 618_000 });
    expectAll(text, ["portent intérêt au taux de l'intérêt légal à compter de la mise en demeure (articles 1231-6 et 1344-1 du Code civil)"]);
    expect(text).not.toContain('Indemnités forfaitaires');
    expect(text).not.toContain('40 €');
  });
});

describe('rendering', () => {
  it('gives byte-identical PDFs for the same input, whatever the clock says', async () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const first = await renderFormalNotice(sampleFormalNotice());
      jest.setSystemTime(new Date('2031-06-15T17:30:00Z'));
      const second = await renderFormalNotice(sampleFormalNotice());
      expect(second.pdf.equals(first.pdf)).toBe(true);
      expect(second.sha256).toBe(first.sha256);
      expect(first.sha256).toBe(createHash('sha256').update(first.pdf).digest('hex'));
    } finally {
      jest.useRealTimers();
    }
    for (const kind of ['written_reminder', 'registered_warning', 'penalty_invoice'] as const) {
      const data = { written_reminder: sampleWrittenReminder, registered_warning: sampleRegisteredWarning, penalty_invoice: samplePenaltyInvoice }[kind]();
      const [a, b] = await Promise.all([renderLetter(kind, data, 'en'), renderLetter(kind, data, 'en')]);
      expect(a.pdf.equals(b.pdf)).toBe(true);
    }
  });

  it('dates the PDF from the letter date, and a different letter gives different bytes', async () => {
    const letter = await renderFormalNotice(sampleFormalNotice());
    const raw = letter.pdf.toString('latin1');
    // Info entries are indirect objects: /CreationDate 17 0 R ... 17 0 obj (D:...)
    const dateOf = (key: string) => {
      const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(raw)?.[1];
      return new RegExp(`\\n${ref} 0 obj\\n\\((D:[^)]*)\\)`).exec(raw)?.[1];
    };
    expect(dateOf('CreationDate')).toBe('D:20250721120000Z');
    expect(dateOf('ModDate')).toBe('D:20250721120000Z');
    const { info } = await pdfParse(new Uint8Array(letter.pdf));
    expect(info).toMatchObject({ Author: 'Atelier Numérique Lumière', Creator: 'Relance' });
    expect(info.Title).toContain('LETTRE DE MISE EN DEMEURE');
    const other = await renderFormalNotice({ ...sampleFormalNotice(), paymentReference: 'BMF-2025-0458' });
    expect(other.sha256).not.toBe(letter.sha256);
  });

  it('draws amounts with WinAnsi no-break spaces (0xA0) and euro sign (0x80), which Helvetica has', async () => {
    const letter = await renderFormalNotice(sampleFormalNotice());
    const shown = Buffer.concat(shownBytes(letter.pdf));
    expect(shown.includes(winAnsi('5\u00A0318,05\u00A0€'))).toBe(true);
    expect(shown.includes(winAnsi('1\u00A0860,00\u00A0€'))).toBe(true);
    // Every byte is a code Helvetica draws: printable ASCII or the WinAnsi upper half (no control codes).
    expect([...shown].filter((byte) => byte < 0x20 || byte === 0x7f)).toEqual([]);
  });

  it('draws a scanned signature above the signatory, deterministically', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const data = { ...sampleFormalNotice(), creditor: { ...SAMPLE_CREDITOR, signatory: { ...SAMPLE_CREDITOR.signatory, signatureImage: new Uint8Array(png) } } };
    const [a, b] = await Promise.all([renderFormalNotice(data), renderFormalNotice(data)]);
    expect(a.pdf.toString('latin1')).toContain('/Subtype /Image');
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).not.toBe((await renderFormalNotice(sampleFormalNotice())).sha256);
  });

  it('never breaks a line inside an amount or a date, however large', async () => {
    const big = [{ ...SAMPLE_INVOICES[0], amountCents: 1_234_567_890, number: 'FAC-2025-000000123456' }];
    const data = { ...sampleWrittenReminder(), invoices: sampleInvoices('2025-07-03', big) };
    for (const language of ['fr', 'en'] as const) {
      const text = await pdfText((await renderLetter('written_reminder', data, language)).pdf);
      const whole = language === 'fr' ? ['12 345 678,90 €', '12/05/2025', 'FAC-2025-000000123456'] : ['€12,345,678.90', '12 May 2025', '11 Jun 2025'];
      // pdfText turns a line break into a space: a number cut in two would read '12 345 678,9 0 €'.
      expect(whole.filter((value) => !text.includes(value))).toEqual([]);
    }
  });

  it('brings text outside WinAnsi into it instead of drawing garbage', async () => {
    const data: LetterData = {
      ...sampleWrittenReminder(),
      debtor: { ...SAMPLE_DEBTOR, legalName: 'Łódź Trading sp. z o.o.', addressLines: ['ul. Piotrkowska 1', '90-001 Łódź\u202FPL'] },
    };
    const text = await pdfText((await renderWrittenReminder(data)).pdf);
    // ó is in WinAnsi and stays; Ł and ź become their base letters; the narrow no-break space a no-break space.
    expectAll(text, ['Lódz Trading sp. z o.o.', '90-001 Lódz PL']);
    expect(Buffer.concat(shownBytes((await renderWrittenReminder(data)).pdf)).includes(winAnsi('L\u00F3dz\u00A0PL'))).toBe(true);
  });

  it('breaks long lists over pages, repeating the table header and keeping every invoice', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...SAMPLE_INVOICES[i % 2], number: `F-2025-${String(500 + i)}` }));
    const data = { ...sampleFormalNotice(), invoices: sampleInvoices('2025-07-21', many) };
    const letter = await renderFormalNotice(data);
    const text = await pdfText(letter.pdf);
    expect(letter.pageCount).toBeGreaterThanOrEqual(3);
    for (const invoice of many) expect(text).toContain(invoice.number);
    // The header on page 1 and again on each continuation page of the table.
    expect(squash(text).split('FactureDateÉchéanceDésignation').length - 1).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Page ${letter.pageCount}/${letter.pageCount}`);
    const amounts = letterAmounts(data);
    expect(amounts.indemnityCents).toBe(30 * 4_000);
    expectAll(text, ['(30 × 40,00 €)1 200,00 €']);
  });
});

/**
 * A realistic French B2B case used by the tests and for the sample pages in docs/letters/: two
 * invoices of one debtor, due in June 2025, one partly paid; the penalties come from the real
 * engine (ECB 3.15 % + 10 in 2025-H1, 2.15 % + 10 in 2025-H2).
 */
import { computePenalties, type PenaltyPayment } from '../../domain/penalties';
import type {
  CreditorLetterhead,
  DebtorParty,
  FormalNoticeData,
  LetterData,
  LetterDataByKind,
  LetterKind,
  PenaltyInvoiceData,
  RegisteredWarningData,
  UnpaidInvoice,
} from './letter-types';

export const SAMPLE_CREDITOR = {
  legalName: 'Atelier Numérique Lumière',
  legalForm: 'SAS au capital de 50\u00A0000\u00A0€',
  registrationNumber: '812 345 678',
  registrationLabel: 'RCS Lyon',
  vatNumber: 'FR42812345678',
  addressLines: ['18 quai Claude Bernard', '69007 Lyon'],
  city: 'Lyon',
  billingContact: { name: 'Claire Dubois', email: 'comptabilite@atelier-lumiere.fr', phone: '04 72 00 12 34' },
  signatory: { name: 'Julien Morel', title: 'Directeur administratif et financier' },
  bankAccount: { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPPXXX', bankName: 'Crédit Agricole Centre-Est' },
} satisfies CreditorLetterhead;

export const SAMPLE_DEBTOR: DebtorParty = {
  legalName: 'Boulangeries Martin & Fils SARL',
  registrationNumber: '44306184100047',
  vatNumber: 'FR61443061841',
  addressLines: ['Service comptabilité fournisseurs', '27 avenue Roger Salengro', '69100 Villeurbanne'],
  contact: { name: 'M. Paul Martin', email: 'paul.martin@boulangeries-martin.fr' },
};

interface SampleInvoice {
  number: string;
  issueDate: string;
  dueDate: string;
  description: string;
  amountCents: number;
  payments: PenaltyPayment[];
}

export const SAMPLE_INVOICES: readonly SampleInvoice[] = [
  {
    number: 'F-2025-0412',
    issueDate: '2025-05-12',
    dueDate: '2025-06-11',
    description: 'Maintenance du parc informatique – mai 2025',
    amountCents: 186_000,
    payments: [],
  },
  {
    number: 'F-2025-0457',
    issueDate: '2025-05-26',
    dueDate: '2025-06-25',
    description: 'Licences logicielles – 12 postes (abonnement annuel)',
    amountCents: 432_000,
    payments: [{ amountCents: 100_000, date: '2025-07-04' }],
  },
];

/** The invoices with their penalties computed up to `asOf` (French B2B, ECB + 10). */
export function sampleInvoices(asOf: string, invoices: readonly SampleInvoice[] = SAMPLE_INVOICES): UnpaidInvoice[] {
  return invoices.map(({ payments, ...invoice }) => ({
    ...invoice,
    penalties: computePenalties({
      jurisdiction: 'FR',
      debtorType: 'business',
      amountCents: invoice.amountCents,
      currency: 'EUR',
      dueDate: invoice.dueDate,
      payments,
      asOf,
    }),
  }));
}

function base(letterDate: string, paymentDeadline: string): LetterData {
  return {
    creditor: SAMPLE_CREDITOR,
    debtor: SAMPLE_DEBTOR,
    letterDate,
    penaltiesAsOf: letterDate,
    invoices: sampleInvoices(letterDate),
    paymentDeadline,
    paymentReference: 'BMF-2025-0457',
    ourReference: 'REL-2025-0098',
  };
}

export function sampleWrittenReminder(): LetterData {
  return { ...base('2025-07-03', '2025-07-10'), previousReminderDates: ['2025-06-12', '2025-06-26'] };
}

export function sampleRegisteredWarning(): RegisteredWarningData {
  return {
    ...base('2025-07-10', '2025-07-18'),
    previousReminderDates: ['2025-06-12', '2025-06-26', '2025-07-03'],
    registeredLetter: { trackingNumber: '1A 234 567 8901 2' },
  };
}

export function sampleFormalNotice(): FormalNoticeData {
  return {
    ...base('2025-07-21', '2025-07-29'),
    previousReminderDates: ['2025-06-12', '2025-07-03'],
    registeredWarningDate: '2025-07-10',
    deadlineDays: 8,
    competentCourt: 'Tribunal des activités économiques de Lyon',
    registeredLetter: { trackingNumber: '1A 234 567 8912 7' },
  };
}

export function samplePenaltyInvoice(): PenaltyInvoiceData {
  return { ...base('2025-07-21', '2025-08-20'), penaltyInvoiceNumber: 'PEN-2025-0007' };
}

export function sampleLetter<K extends LetterKind>(kind: K): LetterDataByKind[K] {
  const samples: { [Kind in LetterKind]: () => LetterDataByKind[Kind] } = {
    written_reminder: sampleWrittenReminder,
    registered_warning: sampleRegisteredWarning,
    formal_notice: sampleFormalNotice,
    penalty_invoice: samplePenaltyInvoice,
  };
  return samples[kind]();
}

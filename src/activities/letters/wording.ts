/**
 * Every sentence of the letters, in French and English. Legal references are part of the wording:
 * Code de commerce L441-10 (penalties) and D441-5 (40 EUR indemnity), Code civil 1344 and 1344-1
 * (formal notice), 1231-6 (legal-rate interest against a consumer), the Belgian law of 2 August 2002
 * and Book XIX of the Code de droit économique (see shared/domain/late-payment-law.md).
 *
 * Arguments arrive already formatted (money, dates, rates). French typography: a no-break space
 * before ':' and ';' and inside '« »'.
 */
import type { LegalFamily } from './letter-data-check';

const NB = '\u00A0';

export interface Wording {
  placeAndDate(city: string, date: string): string;
  attention(name: string): string;
  registeredMention(trackingNumber?: string): string;
  subjectLabel: string;
  salutation: string;
  closing: string;
  onBehalfOf(creditor: string): string;

  references: {
    ours: string;
    contact: string;
    invoiceNumber: string;
    invoiceDate: string;
    customer: string;
  };

  invoiceTable: { number: string; issueDate: string; dueDate: string; description: string; amount: string; balance: string };
  totals: {
    principal: string;
    interest(asOf: string): string;
    indemnity(family: LegalFamily, count: number, each: string | null): string;
    totalDue: string;
  };
  payment: {
    title: string;
    deadline: string;
    iban: string;
    bic: string;
    reference: string;
  };

  /** The penalty clause: basis, rate and indemnity, by legal family. `rates` is null when no interest ran yet. */
  latePaymentClause(family: LegalFamily, rules: readonly RateBasis[], rates: string | null): string;
  /** 'nos relances du 02/03/2026 et du 09/03/2026 et notre lettre recommandée du 16/03/2026', or null when none. */
  previousSteps(reminderDates: readonly string[], registeredLetterDate: string | null): string | null;
  /** 'soit 12,15 % l'an' / 'i.e. 12.15% a year', with several rates 'depending on the period'. */
  ratesText(rates: readonly string[]): string;
  contactSentence(name: string, email: string, phone?: string): string;
  alreadyPaid: string;

  writtenReminder: {
    subject(count: number, total: string): string;
    opening(count: number, previousReminders: string | null): string;
    request(total: string, deadline: string, reference: string): string;
  };
  registeredWarning: {
    subject(count: number): string;
    opening(count: number, previousReminders: string | null): string;
    request(total: string, deadline: string): string;
    escalation: string;
  };
  formalNotice: {
    heading: string;
    subheading?: string;
    subject(total: string): string;
    opening(count: number, creditor: string, total: string, previous: string | null): string;
    breakdown: string;
    notice(total: string, days: string, deadline: string, reference: string): string;
    interestContinues: string;
    legalAction(court: string): string;
    legalBasis: string;
  };
  penaltyInvoice: {
    heading: string;
    subject(number: string): string;
    intro(family: LegalFamily, asOf: string): string;
    interestCaption: string;
    interestColumns: { invoice: string; period: string; days: string; base: string; rate: string; amount: string };
    period(from: string, to: string): string;
    formula: string;
    noInterest: string;
    indemnityCaption(family: LegalFamily): string;
    indemnityColumns: { invoice: string; dueDate: string; amount: string; indemnity: string };
    totalInterest: string;
    totalIndemnity: string;
    totalToPay: string;
    noVat: string;
    principalReminder(principal: string): string;
  };
}

/** Which basis the interest rate has, from the penalty engine's rule. */
export type RateBasis = 'ECB_PLUS_10' | 'CONTRACTUAL_FLOORED' | 'FR_LEGAL_RATE' | 'BE_LAW_RATE' | 'BE_CAPPED';

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

const fr: Wording = {
  placeAndDate: (city, date) => `${city}, le ${date}`,
  attention: (name) => `À l'attention de ${name}`,
  registeredMention: (tracking) =>
    `Lettre recommandée avec demande d'avis de réception${tracking ? ` n°${NB}${tracking}` : ''}`,
  subjectLabel: `Objet${NB}:`,
  salutation: 'Madame, Monsieur,',
  closing: `Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.`,
  onBehalfOf: (creditor) => `Pour ${creditor}`,

  references: {
    ours: 'Nos réf.',
    contact: 'Votre contact',
    invoiceNumber: 'Facture n°',
    invoiceDate: 'Date de facture',
    customer: 'Votre société',
  },

  invoiceTable: {
    number: 'Facture',
    issueDate: 'Date',
    dueDate: 'Échéance',
    description: 'Désignation',
    amount: 'Montant TTC',
    balance: 'Reste dû',
  },
  totals: {
    principal: 'Principal restant dû (TTC)',
    interest: (asOf) => `Intérêts de retard au ${asOf}`,
    indemnity: (family, count, each) => {
      const label =
        family === 'BE_CONSUMER' ? 'Indemnité forfaitaire (Livre XIX CDE)' : 'Indemnités forfaitaires pour frais de recouvrement';
      return each && count > 1 ? `${label} (${count}${NB}×${NB}${each})` : label;
    },
    totalDue: 'Total dû',
  },
  payment: {
    title: 'Paiement par virement',
    deadline: 'Au plus tard le',
    iban: 'IBAN',
    bic: 'BIC',
    reference: 'Référence à rappeler',
  },

  latePaymentClause: (family, rules, rates) => {
    const rate = rates ? `, ${rates}` : '';
    const bases = rules.map((rule) => FR_RATE_BASIS[rule]).join(' ou ');
    switch (family) {
      case 'FR_BUSINESS':
        return (
          `Conformément à nos conditions générales de vente et aux articles L441-10 et D441-5 du Code de commerce, tout ` +
          `retard de paiement entraîne de plein droit, dès le lendemain de l'échéance et sans qu'un rappel soit nécessaire, ` +
          `des pénalités de retard au ${bases}${rate}, et une indemnité forfaitaire pour frais de recouvrement de 40${NB}€ ` +
          `par facture.`
        );
      case 'FR_CONSUMER':
        return (
          `Les sommes restant dues portent intérêt au taux de l'intérêt légal à compter de la mise en demeure ` +
          `(articles 1231-6 et 1344-1 du Code civil)${rate}.`
        );
      case 'BE_BUSINESS':
        return (
          `Conformément à nos conditions générales et à la loi du 2 août 2002 concernant la lutte contre le retard de paiement ` +
          `dans les transactions commerciales, tout retard de paiement entraîne de plein droit et sans mise en demeure des ` +
          `intérêts de retard au ${bases}${rate}, ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40${NB}€ par facture.`
        );
      case 'BE_CONSUMER':
        return (
          `Conformément au Livre XIX du Code de droit économique, à l'issue du délai de quatorze jours suivant notre premier ` +
          `rappel, des intérêts de retard au ${bases}${rate} et une indemnité forfaitaire sont dus.`
        );
    }
  },
  previousSteps: (reminders, registered) => {
    const parts: string[] = [];
    if (reminders.length === 1) parts.push(`notre relance du ${reminders[0]}`);
    if (reminders.length > 1) parts.push(`nos relances ${joinFr(reminders.map((d) => `du ${d}`))}`);
    if (registered) parts.push(`notre lettre recommandée du ${registered}`);
    return parts.length ? parts.join(' et ') : null;
  },
  ratesText: (rates) =>
    rates.length === 1 ? `soit ${rates[0]} l'an` : `soit, selon la période, ${joinFr(rates)} l'an`,
  contactSentence: (name, email, phone) =>
    `Pour toute question ou tout désaccord, contactez ${name} (${phone ? `${email}, ${phone}` : email}).`,
  alreadyPaid: `Si votre règlement est intervenu entre-temps, merci de ne pas tenir compte de la présente.`,

  writtenReminder: {
    subject: (count, total) => `Relance – ${plural(count, 'facture impayée', `${count} factures impayées`)} (${total})`,
    opening: (count, previous) =>
      `Sauf erreur ou omission de notre part, ${plural(count, 'la facture suivante, arrivée', 'les factures suivantes, arrivées')} ` +
      `à échéance, ${plural(count, 'reste impayée', 'restent impayées')} à ce jour` +
      `${previous ? ` malgré ${previous}` : ''}${NB}:`,
    request: (total, deadline, reference) =>
      `Nous vous remercions de bien vouloir régler la somme de ${total} au plus tard le ${deadline}, par virement, ` +
      `en rappelant la référence ${reference}.`,
  },
  registeredWarning: {
    subject: (count) => `Dernier rappel avant mise en demeure – ${plural(count, 'facture impayée', `${count} factures impayées`)}`,
    opening: (count, previous) =>
      `Malgré ${previous ?? 'nos précédentes relances'}, ` +
      `${plural(count, 'la facture suivante reste impayée', 'les factures suivantes restent impayées')} à ce jour${NB}:`,
    request: (total, deadline) =>
      `Nous vous demandons de régler la somme de ${total} au plus tard le ${deadline}.`,
    escalation:
      `À défaut de paiement dans ce délai, et sans autre avis de notre part, nous vous adresserons une mise en demeure ` +
      `et confierons le recouvrement de cette créance à une société de recouvrement ou à un commissaire de justice.`,
  },
  formalNotice: {
    heading: 'LETTRE DE MISE EN DEMEURE',
    subject: (total) => `Mise en demeure de payer la somme de ${total}`,
    opening: (count, creditor, total, previous) =>
      `Malgré ${previous ?? 'nos précédentes relances'}, vous restez redevable envers ${creditor} de la somme de ${total}, ` +
      `au titre ${plural(count, 'de la facture suivante, demeurée impayée', 'des factures suivantes, demeurées impayées')} à ce jour${NB}:`,
    breakdown: `Cette somme se décompose comme suit${NB}:`,
    notice: (total, days, deadline, reference) =>
      `En conséquence, nous vous mettons en demeure, par la présente, de nous régler la somme de ${total} dans un délai de ` +
      `${days} jours, soit au plus tard le ${deadline}, par virement sur le compte indiqué ci-dessous en rappelant la ` +
      `référence ${reference}.`,
    interestContinues: `Les intérêts de retard continuent de courir jusqu'au complet paiement.`,
    legalAction: (court) =>
      `À défaut de paiement intégral dans ce délai, nous engagerons sans autre avis une action en justice devant le ` +
      `${court} afin d'obtenir le paiement des sommes dues, avec toutes les conséquences que la loi y attache.`,
    legalBasis: `La présente lettre vaut mise en demeure au sens des articles 1344 et 1344-1 du Code civil.`,
  },
  penaltyInvoice: {
    heading: 'FACTURE DE PÉNALITÉS DE RETARD',
    subject: (number) => `Facture n°${NB}${number} – pénalités de retard et indemnités forfaitaires`,
    intro: (family, asOf) =>
      family === 'FR_BUSINESS'
        ? `Pénalités de retard et indemnités forfaitaires pour frais de recouvrement dues au ${asOf} au titre des factures ` +
          `ci-dessous, payées ou restant impayées après leur échéance (articles L441-10 et D441-5 du Code de commerce).`
        : `Intérêts de retard et indemnités dus au ${asOf} au titre des factures ci-dessous, payées ou restant impayées ` +
          `après leur échéance.`,
    interestCaption: 'Calcul des intérêts de retard',
    interestColumns: { invoice: 'Facture', period: 'Période', days: 'Jours', base: 'Base', rate: 'Taux annuel', amount: 'Intérêts' },
    period: (from, to) => `du ${from} au ${to}`,
    formula:
      `Intérêts = base × taux × jours / 365, par période de base et de taux constants${NB}; ` +
      `le total de chaque facture est arrondi au centime.`,
    noInterest: `Aucun intérêt de retard n'a encore couru.`,
    indemnityCaption: (family) =>
      family === 'BE_CONSUMER' ? 'Indemnités forfaitaires' : 'Indemnités forfaitaires pour frais de recouvrement',
    indemnityColumns: { invoice: 'Facture', dueDate: 'Échéance', amount: 'Montant TTC', indemnity: 'Indemnité' },
    totalInterest: 'Total des intérêts de retard',
    totalIndemnity: 'Total des indemnités forfaitaires',
    totalToPay: 'Total à payer',
    noVat: `Montants non soumis à la TVA (pénalités de retard et indemnités forfaitaires).`,
    principalReminder: (principal) =>
      `Cette facture s'ajoute au principal restant dû de ${principal} au titre des factures ci-dessus.`,
  },
};

const FR_RATE_BASIS: Record<RateBasis, string> = {
  ECB_PLUS_10: 'taux de refinancement de la BCE majoré de 10 points',
  CONTRACTUAL_FLOORED: 'taux prévu par nos conditions générales de vente',
  FR_LEGAL_RATE: "taux de l'intérêt légal",
  BE_LAW_RATE: 'taux prévu par la loi du 2 août 2002',
  BE_CAPPED: 'taux convenu, dans la limite du taux prévu par la loi du 2 août 2002',
};

const en: Wording = {
  placeAndDate: (city, date) => `${city}, ${date}`,
  attention: (name) => `For the attention of ${name}`,
  registeredMention: (tracking) =>
    `By registered letter with acknowledgment of receipt${tracking ? ` No.${NB}${tracking}` : ''}`,
  subjectLabel: 'Subject:',
  salutation: 'Dear Sir or Madam,',
  closing: 'Yours faithfully,',
  onBehalfOf: (creditor) => `For ${creditor}`,

  references: {
    ours: 'Our ref.',
    contact: 'Your contact',
    invoiceNumber: 'Invoice No.',
    invoiceDate: 'Invoice date',
    customer: 'Your company',
  },

  invoiceTable: {
    number: 'Invoice',
    issueDate: 'Date',
    dueDate: 'Due date',
    description: 'Description',
    amount: 'Amount incl. VAT',
    balance: 'Balance due',
  },
  totals: {
    principal: 'Outstanding principal (incl. VAT)',
    interest: (asOf) => `Late-payment interest to ${asOf}`,
    indemnity: (family, count, each) => {
      const label = family === 'BE_CONSUMER' ? 'Fixed damages (Book XIX CEL)' : 'Fixed recovery-cost indemnities';
      return each && count > 1 ? `${label} (${count}${NB}×${NB}${each})` : label;
    },
    totalDue: 'Total due',
  },
  payment: {
    title: 'Payment by bank transfer',
    deadline: 'Pay by',
    iban: 'IBAN',
    bic: 'BIC',
    reference: 'Reference to quote',
  },

  latePaymentClause: (family, rules, rates) => {
    const rate = rates ? `, ${rates}` : '';
    const bases = rules.map((rule) => EN_RATE_BASIS[rule]).join(' or ');
    switch (family) {
      case 'FR_BUSINESS':
        return (
          `Under our general terms of sale and articles L441-10 and D441-5 of the French Commercial Code, any late payment ` +
          `automatically incurs, from the day after the due date and without any reminder being required, late-payment ` +
          `interest at ${bases}${rate}, and a fixed indemnity for recovery costs of €40 per invoice.`
        );
      case 'FR_CONSUMER':
        return (
          `The sums still due bear interest at the statutory rate (taux de l'intérêt légal) from the formal notice ` +
          `(articles 1231-6 and 1344-1 of the French Civil Code)${rate}.`
        );
      case 'BE_BUSINESS':
        return (
          `Under our general terms and the Belgian Act of 2 August 2002 on combating late payment in commercial transactions, ` +
          `any late payment automatically incurs, without notice, late-payment interest at ${bases}${rate}, and a fixed ` +
          `indemnity for recovery costs of €40 per invoice.`
        );
      case 'BE_CONSUMER':
        return (
          `Under Book XIX of the Belgian Code of Economic Law, once fourteen days have passed after our first reminder, ` +
          `late-payment interest at ${bases}${rate} and fixed damages are due.`
        );
    }
  },
  previousSteps: (reminders, registered) => {
    const parts: string[] = [];
    if (reminders.length === 1) parts.push(`our reminder of ${reminders[0]}`);
    if (reminders.length > 1) parts.push(`our reminders of ${joinEn(reminders)}`);
    if (registered) parts.push(`our registered letter of ${registered}`);
    return parts.length ? parts.join(' and ') : null;
  },
  ratesText: (rates) =>
    rates.length === 1 ? `i.e. ${rates[0]} a year` : `i.e., depending on the period, ${joinEn(rates)} a year`,
  contactSentence: (name, email, phone) =>
    `For any question or disagreement, please contact ${name} (${phone ? `${email}, ${phone}` : email}).`,
  alreadyPaid: 'If you have paid in the meantime, please disregard this letter.',

  writtenReminder: {
    subject: (count, total) => `Reminder – ${plural(count, 'unpaid invoice', `${count} unpaid invoices`)} (${total})`,
    opening: (count, previous) =>
      `According to our records, ${plural(count, 'the following invoice is past due and remains', 'the following invoices are past due and remain')} ` +
      `unpaid${previous ? `, despite ${previous}` : ''}:`,
    request: (total, deadline, reference) =>
      `Please pay the sum of ${total} by ${deadline} at the latest, by bank transfer, quoting the reference ${reference}.`,
  },
  registeredWarning: {
    subject: (count) => `Final reminder before formal notice – ${plural(count, 'unpaid invoice', `${count} unpaid invoices`)}`,
    opening: (count, previous) =>
      `Despite ${previous ?? 'our previous reminders'}, ` +
      `${plural(count, 'the following invoice remains', 'the following invoices remain')} unpaid:`,
    request: (total, deadline) =>
      `We ask you to pay the sum of ${total} by ${deadline} at the latest.`,
    escalation:
      `Failing payment by that date, and without further notice, we will send you a formal notice and hand the recovery ` +
      `of this debt over to a collection agency or a commissaire de justice (bailiff).`,
  },
  formalNotice: {
    heading: 'FORMAL NOTICE TO PAY',
    subheading: '(lettre de mise en demeure)',
    subject: (total) => `Formal notice to pay the sum of ${total}`,
    opening: (count, creditor, total, previous) =>
      `Despite ${previous ?? 'our previous reminders'}, you still owe ${creditor} the sum of ${total} under ` +
      `${plural(count, 'the following invoice, which remains', 'the following invoices, which remain')} unpaid:`,
    breakdown: 'This sum is made up as follows:',
    notice: (total, days, deadline, reference) =>
      `We therefore hereby give you formal notice to pay us the sum of ${total} within ${days} days, that is by ${deadline} ` +
      `at the latest, by bank transfer to the account below, quoting the reference ${reference}.`,
    interestContinues: 'Late-payment interest continues to accrue until payment in full.',
    legalAction: (court) =>
      `Failing payment in full within this period, we will, without further notice, bring legal action before the ${court} ` +
      `to recover the sums due, with all the consequences attached by law.`,
    legalBasis: 'This letter constitutes a formal notice within the meaning of articles 1344 and 1344-1 of the French Civil Code.',
  },
  penaltyInvoice: {
    heading: 'LATE-PAYMENT PENALTY INVOICE',
    subject: (number) => `Invoice No.${NB}${number} – late-payment interest and fixed indemnities`,
    intro: (family, asOf) =>
      family === 'FR_BUSINESS'
        ? `Late-payment interest and fixed recovery-cost indemnities due as at ${asOf} on the invoices below, paid or ` +
          `still unpaid after their due date (articles L441-10 and D441-5 of the French Commercial Code).`
        : `Late-payment interest and indemnities due as at ${asOf} on the invoices below, paid or still unpaid after their due date.`,
    interestCaption: 'Late-payment interest computation',
    interestColumns: { invoice: 'Invoice', period: 'Period', days: 'Days', base: 'Base', rate: 'Annual rate', amount: 'Interest' },
    period: (from, to) => `${from} to ${to}`,
    formula:
      'Interest = base × rate × days / 365, per period of constant base and rate; each invoice’s total is rounded to the cent.',
    noInterest: 'No late-payment interest has accrued yet.',
    indemnityCaption: (family) => (family === 'BE_CONSUMER' ? 'Fixed damages' : 'Fixed recovery-cost indemnities'),
    indemnityColumns: { invoice: 'Invoice', dueDate: 'Due date', amount: 'Amount incl. VAT', indemnity: 'Indemnity' },
    totalInterest: 'Total late-payment interest',
    totalIndemnity: 'Total fixed indemnities',
    totalToPay: 'Total to pay',
    noVat: 'Amounts not subject to VAT (late-payment interest and fixed indemnities).',
    principalReminder: (principal) =>
      `This invoice comes in addition to the outstanding principal of ${principal} on the invoices above.`,
  },
};

const EN_RATE_BASIS: Record<RateBasis, string> = {
  ECB_PLUS_10: 'the ECB refinancing rate plus 10 percentage points',
  CONTRACTUAL_FLOORED: 'the rate set in our general terms of sale',
  FR_LEGAL_RATE: 'the French statutory rate',
  BE_LAW_RATE: 'the rate set by the Act of 2 August 2002',
  BE_CAPPED: 'the agreed rate, capped at the rate set by the Act of 2 August 2002',
};

function joinFr(items: readonly string[]): string {
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

function joinEn(items: readonly string[]): string {
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const WORDING: Readonly<Record<'fr' | 'en', Wording>> = { fr, en };

import { DunningPlan, DunningPlanStep } from './plan-types';

/**
 * The default French B2B plan of dunning-process.md: courteous and factual first, proof of every
 * step, and only then the formal notice (with the penalty invoice) and the hand-over.
 */
export const DEFAULT_FR_B2B_PLAN: DunningPlan = deepFreeze({
  name: 'fr-b2b-default',
  version: 1,
  description: 'France, between businesses: e-mails, phone call, letter, registered warning, formal notice, escalation.',
  steps: [
    { key: 'courtesy_reminder', anchor: 'due_date', offsetDays: -3, channel: 'email', template: 'courtesy_reminder', tone: 'courteous' },
    { key: 'first_reminder', anchor: 'due_date', offsetDays: 1, channel: 'email', template: 'first_reminder', tone: 'courteous' },
    { key: 'phone_call', anchor: 'due_date', offsetDays: 1, channel: 'phone_task', template: 'phone_call', tone: 'courteous', completeWithinDays: 2 },
    { key: 'written_reminder', anchor: 'due_date', offsetDays: 8, channel: 'letter', template: 'written_reminder', tone: 'firm', payWithinDays: 7 },
    { key: 'registered_warning', anchor: 'due_date', offsetDays: 15, channel: 'registered_letter', template: 'registered_warning', tone: 'firm', payWithinDays: 8 },
    { key: 'formal_notice', anchor: 'registered_letter_posted', offsetDays: 8, channel: 'formal_notice', template: 'formal_notice', tone: 'formal' },
    { key: 'penalty_invoice', anchor: 'registered_letter_posted', offsetDays: 8, channel: 'penalty_invoice', template: 'penalty_invoice', tone: 'formal' },
    { key: 'escalation', anchor: 'formal_notice_deadline', offsetDays: 1, channel: 'escalation', template: 'collection_handover', tone: 'formal' },
  ],
  formalNoticeDeadlineDays: 8,
  promiseGraceDays: 3,
  postingConfirmationDays: 5,
});

/** What the habitual-late-payer plan changes in the default one, step by step. */
const HABITUAL_LATE_PAYER_CHANGES: Record<string, Partial<DunningPlanStep>> = {
  courtesy_reminder: { offsetDays: -5, tone: 'firm' },
  first_reminder: { tone: 'firm' },
  phone_call: { tone: 'firm', completeWithinDays: 1 },
  written_reminder: { offsetDays: 5, payWithinDays: 5 },
  registered_warning: { offsetDays: 10 },
};

/**
 * For customers flagged as habitual late payers: the same legal path, started earlier and closer
 * together (courtesy reminder at D-5, written reminder at D+5, registered warning at D+10), with a
 * firmer tone and one day of grace on promises.
 */
export const HABITUAL_LATE_PAYER_FR_B2B_PLAN: DunningPlan = deepFreeze({
  ...DEFAULT_FR_B2B_PLAN,
  name: 'fr-b2b-habitual-late-payer',
  version: 1,
  description: 'France, between businesses, for habitual late payers: earlier and closer steps, firmer tone.',
  steps: DEFAULT_FR_B2B_PLAN.steps.map((step) => ({ ...step, ...HABITUAL_LATE_PAYER_CHANGES[step.key] })),
  promiseGraceDays: 1,
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

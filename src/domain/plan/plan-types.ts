/**
 * A dunning plan is data: named, versioned steps with offsets, channel, template and tone. Plans are
 * stored and edited elsewhere (PostgreSQL, plans API); the plan in force is copied into a dunning
 * when it starts, so editing a plan never changes a dunning already running.
 */

/** How a step reaches the debtor (or the operator). */
export type StepChannel =
  | 'email'
  | 'letter'
  | 'registered_letter'
  | 'formal_notice'
  | 'penalty_invoice'
  | 'phone_task'
  | 'escalation';

/**
 * What a step's offset counts from. The formal notice counts from the day the registered letter
 * was really posted (not the day it was produced); the escalation from the formal notice's deadline.
 */
export type StepAnchor = 'due_date' | 'registered_letter_posted' | 'formal_notice_deadline';

export type StepTone = 'courteous' | 'firm' | 'formal';

/** The templates the product ships, by channel: a plan can only name one of these. */
export const STEP_TEMPLATES = {
  email: ['courtesy_reminder', 'first_reminder', 'second_reminder'],
  letter: ['written_reminder'],
  registered_letter: ['registered_warning'],
  formal_notice: ['formal_notice'],
  penalty_invoice: ['penalty_invoice'],
  phone_task: ['phone_call'],
  escalation: ['collection_handover'],
} as const satisfies Record<StepChannel, readonly string[]>;

export type StepTemplate = (typeof STEP_TEMPLATES)[StepChannel][number];

export const STEP_ANCHORS: readonly StepAnchor[] = ['due_date', 'registered_letter_posted', 'formal_notice_deadline'];
export const STEP_TONES: readonly StepTone[] = ['courteous', 'firm', 'formal'];

export interface DunningPlanStep {
  /** Unique in the plan; names the step in the history, tasks, documents and idempotency keys. */
  key: string;
  anchor: StepAnchor;
  /** Calendar days from the anchor (negative: before it). The send moves to the next business day. */
  offsetDays: number;
  channel: StepChannel;
  template: StepTemplate;
  tone: StepTone;
  /** Letters and e-mails: the pay-by date they state, in days after they are sent. */
  payWithinDays?: number;
  /** Operator tasks: days the operator has to do it (phone call from D+1 to D+3: 2). */
  completeWithinDays?: number;
}

export interface DunningPlan {
  /** Stable identifier, e.g. 'fr-b2b-default'. */
  name: string;
  /** Increases with every change; a dunning keeps the version it started with. */
  version: number;
  description?: string;
  /** In the order they run: due-date steps, then registered-letter steps, then the escalation. */
  steps: DunningPlanStep[];
  /** The payment deadline a formal notice gives (8 or 15 days). */
  formalNoticeDeadlineDays: number;
  /** Days after a promised payment date before the promise counts as broken. */
  promiseGraceDays: number;
  /** Days to wait for a registered letter's posting confirmation before an operator is asked for it. */
  postingConfirmationDays: number;
}

/** The plan a dunning runs, as it names it in its state and in the Web UI. */
export interface PlanReference {
  name: string;
  version: number;
}

import type { LetterKind } from '../letters';

/** How tasks and failure messages name each letter. */
export const STEP_TITLES: Record<LetterKind, string> = {
  written_reminder: 'Written reminder',
  registered_warning: 'Registered warning',
  formal_notice: 'Formal notice (mise en demeure)',
  penalty_invoice: 'Penalty invoice',
};

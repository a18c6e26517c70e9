export type {
  Jurisdiction,
  DebtorType,
  PenaltyPayment,
  BelgianConsumerReminder,
  PenaltyInput,
  PenaltyRule,
  PenaltySegment,
  PenaltyResult,
} from './penalty-types';
export { InvalidPenaltyInputError } from './penalty-input';
export { computePenalties, BUSINESS_RECOVERY_INDEMNITY_CENTS } from './compute-penalties';
export { belgianConsumerDamagesCents, belgianConsumerGraceEnd } from './belgian-consumer';

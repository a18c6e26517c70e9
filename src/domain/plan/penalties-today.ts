import { CalendarDate } from '../calendar';
import { DomainError } from '../errors';
import { Cents } from '../money';
import { computePenalties, DebtorType, Jurisdiction, PenaltyPayment, PenaltyRule } from '../penalties';
import { OperatorRates, RateSources } from '../rates';

/** The late-payment terms of an invoice, copied into its dunning. */
export interface PenaltyTerms {
  jurisdiction: Jurisdiction;
  debtorType: DebtorType;
  /** Rate agreed in the terms of sale ('12.5'), if any. */
  contractualRatePercent?: string;
  /** Rates operators had added when the dunning started, on top of the shipped tables. */
  operatorRates?: OperatorRates;
}

export type PenaltiesToday =
  | {
      status: 'computed';
      asOf: CalendarDate;
      rule: PenaltyRule;
      interestCents: Cents;
      indemnityCents: Cents;
      totalCents: Cents;
    }
  /** A rate the law needs is not known yet (an operator must add it), or the invoice is outside the rules. */
  | { status: 'unavailable'; asOf: CalendarDate; code: string; reason: string };

export interface PenaltiesTodayRequest {
  terms: PenaltyTerms;
  amountCents: Cents;
  currency: string;
  dueDate: CalendarDate;
  payments: readonly PenaltyPayment[];
  asOf: CalendarDate;
  rateSources?: RateSources;
}

/**
 * Penalties accrued on an invoice up to `asOf`. A missing rate or an unsupported invoice is reported
 * with its reason instead of thrown: the live state of a dunning must never fail because of it.
 */
export function penaltiesToday(request: PenaltiesTodayRequest): PenaltiesToday {
  const { terms, asOf } = request;
  try {
    const result = computePenalties(
      {
        jurisdiction: terms.jurisdiction,
        debtorType: terms.debtorType,
        contractualRatePercent: terms.contractualRatePercent,
        amountCents: request.amountCents,
        currency: request.currency,
        dueDate: request.dueDate,
        payments: request.payments,
        asOf,
      },
      request.rateSources ?? { operatorRates: terms.operatorRates },
    );
    const { rule, interestCents, indemnityCents, totalCents } = result;
    return { status: 'computed', asOf, rule, interestCents, indemnityCents, totalCents };
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'RATE.MISSING' || error.code === 'PENALTY.INVALID_INPUT')) {
      return { status: 'unavailable', asOf, code: error.code, reason: error.message };
    }
    throw error;
  }
}

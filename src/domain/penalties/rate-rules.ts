/**
 * The annual rate (in percent) each half-year uses, per jurisdiction and kind of debtor. Rates are
 * looked up lazily, so a missing rate only matters for a half-year the computation really touches.
 */
import {
  belgianB2bRateForHalfYear,
  ecbRateForHalfYear,
  frenchLegalRateForHalfYear,
  HalfYear,
  halfYearLabel,
  RateSources,
} from '../rates';
import { fraction, Fraction, max, min } from './fraction';
import { DebtorType, Jurisdiction, PenaltyRule } from './penalty-types';

export interface RateRule {
  rule: PenaltyRule;
  ratePercentOf(halfYear: HalfYear): Fraction;
}

const percentOfBasisPoints = (bp: number): Fraction => fraction(BigInt(bp), 100n);

export function rateRuleFor(
  jurisdiction: Jurisdiction,
  debtorType: DebtorType,
  contractualRate: Fraction | undefined,
  sources: RateSources,
): RateRule {
  const [rule, rateOf] = chooseRule(jurisdiction, debtorType, contractualRate, sources);
  const cache = new Map<string, Fraction>();
  return {
    rule,
    ratePercentOf(halfYear) {
      const key = halfYearLabel(halfYear);
      let rate = cache.get(key);
      if (rate === undefined) cache.set(key, (rate = rateOf(halfYear)));
      return rate;
    },
  };
}

function chooseRule(
  jurisdiction: Jurisdiction,
  debtorType: DebtorType,
  contractualRate: Fraction | undefined,
  sources: RateSources,
): [PenaltyRule, (halfYear: HalfYear) => Fraction] {
  const belgianB2b = (h: HalfYear) => percentOfBasisPoints(belgianB2bRateForHalfYear(h, sources).rateBp);
  const legalOtherCasesBp = (h: HalfYear) => frenchLegalRateForHalfYear(h, sources).otherCasesBp;

  if (jurisdiction === 'FR' && debtorType === 'business') {
    if (contractualRate) {
      // L441-10: an agreed rate may not be below 3 × the legal rate of the half-year.
      const floored = (h: HalfYear) => max(contractualRate, percentOfBasisPoints(3 * legalOtherCasesBp(h)));
      return ['FR_B2B_CONTRACTUAL_FLOORED', floored];
    }
    return ['FR_B2B_ECB_PLUS_10', (h) => percentOfBasisPoints(ecbRateForHalfYear(h, sources).rateBp + 1000)];
  }
  if (jurisdiction === 'FR') {
    // The creditor is a business, so the "all other cases" column applies, not the private-creditor one.
    return ['FR_B2C_LEGAL_RATE', (h) => percentOfBasisPoints(legalOtherCasesBp(h))];
  }
  if (debtorType === 'business') return ['BE_B2B_LAW_RATE', belgianB2b];
  // Book XIX: interest at most the B2B rate. Without an agreed rate we charge that maximum.
  return ['BE_B2C_CAPPED_RATE', contractualRate ? (h) => min(contractualRate, belgianB2b(h)) : belgianB2b];
}

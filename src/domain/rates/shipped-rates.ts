/**
 * The rate tables shipped with the code, copied from shared/domain/late-payment-law.md (each with
 * its sources). Newer rates are added by an operator (OperatorRates), not by a release.
 */
import { BelgianB2bRateTable, EcbMroTable, FrenchLegalRateTable, RateTables } from './rate-tables';

export const ECB_MRO_RATES: EcbMroTable = {
  source:
    'ECB main refinancing operations rate (%), by effective date. Sources: Banque de France policy-rates page; ' +
    'ECB monetary-policy press releases (2025-09-11, 2026-03-19). Unchanged at every meeting up to 2026-03-19, ' +
    'the latest decision in our sources (ECB and Banque de France press releases). ' +
    'Later decisions must be added by an operator.',
  knownUntil: '2026-03-19',
  entries: [
    { effectiveFrom: '2016-03-16', rateBp: 0 },
    { effectiveFrom: '2022-07-27', rateBp: 50 },
    { effectiveFrom: '2022-09-14', rateBp: 125 },
    { effectiveFrom: '2022-11-02', rateBp: 200 },
    { effectiveFrom: '2022-12-21', rateBp: 250 },
    { effectiveFrom: '2023-02-08', rateBp: 300 },
    { effectiveFrom: '2023-03-22', rateBp: 350 },
    { effectiveFrom: '2023-05-10', rateBp: 375 },
    { effectiveFrom: '2023-06-21', rateBp: 400 },
    { effectiveFrom: '2023-08-02', rateBp: 425 },
    { effectiveFrom: '2023-09-20', rateBp: 450 },
    { effectiveFrom: '2024-06-12', rateBp: 425 },
    { effectiveFrom: '2024-09-18', rateBp: 365 },
    { effectiveFrom: '2024-10-23', rateBp: 340 },
    { effectiveFrom: '2024-12-18', rateBp: 315 },
    { effectiveFrom: '2025-02-05', rateBp: 290 },
    { effectiveFrom: '2025-03-12', rateBp: 265 },
    { effectiveFrom: '2025-04-23', rateBp: 240 },
    { effectiveFrom: '2025-06-11', rateBp: 215 },
  ],
};

export const FRENCH_LEGAL_RATES: FrenchLegalRateTable = {
  source:
    "French taux d'intérêt légal (%), by half-year (arrêtés published each half-year; H2 2026 not in our sources). " +
    'Sources: laclef.eu and the arrêté of 15 December 2025 (taux légal); bpifrance-creation "taux pénalités retard"; ' +
    'legifiscal.fr.',
  entries: [
    { year: 2023, half: 1, privateCreditorBp: 447, otherCasesBp: 206 },
    { year: 2023, half: 2, privateCreditorBp: 682, otherCasesBp: 422 },
    { year: 2024, half: 1, privateCreditorBp: 801, otherCasesBp: 507 },
    { year: 2024, half: 2, privateCreditorBp: 816, otherCasesBp: 492 },
    { year: 2025, half: 1, privateCreditorBp: 721, otherCasesBp: 371 },
    { year: 2025, half: 2, privateCreditorBp: 665, otherCasesBp: 276 },
    { year: 2026, half: 1, privateCreditorBp: 667, otherCasesBp: 262 },
  ],
};

const belgianFlatYears = [2016, 2017, 2018, 2019, 2020, 2021, 2022].flatMap((year) => [
  { year, half: 1 as const, rateBp: 800 },
  { year, half: 2 as const, rateBp: 800 },
]);

export const BELGIAN_B2B_RATES: BelgianB2bRateTable = {
  source:
    'Belgian B2B late-payment rate (%), as published by the SPF Finances (law of 2 August 2002, art. 5): ' +
    '2016-2022: 8.0 · 2023-H1: 10.5 · 2023-H2: 12.0 · 2024-H1: 12.5 · 2024-H2: 12.5 · 2025-H1: 11.5 · ' +
    '2025-H2: 10.5 · 2026-H1: 10.5 (each is the ECB rate of 1 January / 1 July + 8, rounded up to 0.5). ' +
    'Sources: eubelius.com, embuild.be, leuropeinfo.eu.',
  entries: [
    ...belgianFlatYears,
    { year: 2023, half: 1, rateBp: 1050 },
    { year: 2023, half: 2, rateBp: 1200 },
    { year: 2024, half: 1, rateBp: 1250 },
    { year: 2024, half: 2, rateBp: 1250 },
    { year: 2025, half: 1, rateBp: 1150 },
    { year: 2025, half: 2, rateBp: 1050 },
    { year: 2026, half: 1, rateBp: 1050 },
  ],
};

export const SHIPPED_RATE_TABLES: RateTables = {
  ecbMro: ECB_MRO_RATES,
  frenchLegal: FRENCH_LEGAL_RATES,
  belgianB2b: BELGIAN_B2B_RATES,
};

/**
 * Reads operator-added rates from PostgreSQL into the pure engine's OperatorRates shape. Anything
 * that computes penalties (the API, and later the penalties activity) loads them here on each
 * computation, so a rate an operator adds is used by the next computation, in every process.
 */
import type { DataSource } from 'typeorm';
import type { OperatorRates } from '../domain/rates';
import { OperatorRateEntity } from './entities/operator-rate.entity';

export function toOperatorRates(rows: readonly OperatorRateEntity[]): OperatorRates {
  const ecb = rows.filter((row) => row.kind === 'ECB_MRO');
  return {
    ecbMro: { entries: ecb.map((row) => ({ effectiveFrom: row.effectiveFrom as string, rateBp: row.rateBp })) },
    frenchLegal: rows
      .filter((row) => row.kind === 'FR_LEGAL')
      .map((row) => ({
        year: row.year as number,
        half: row.half as 1 | 2,
        otherCasesBp: row.rateBp,
        privateCreditorBp: row.privateCreditorRateBp as number,
      })),
    belgianB2b: rows
      .filter((row) => row.kind === 'BE_B2B')
      .map((row) => ({ year: row.year as number, half: row.half as 1 | 2, rateBp: row.rateBp })),
  };
}

export async function loadOperatorRates(dataSource: DataSource): Promise<OperatorRates> {
  return toOperatorRates(await dataSource.getRepository(OperatorRateEntity).find());
}

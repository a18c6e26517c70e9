import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { QueryFailedError, type DataSource } from 'typeorm';
import { addDays, compareDates, parisDateOf, type CalendarDate } from '../../domain/calendar';
import {
  halfYearLabel,
  halfYearStart,
  InvalidRateEntryError,
  percentFromBasisPoints,
  SHIPPED_RATE_TABLES,
  validateOperatorRates,
  type HalfYear,
  type RateTableName,
} from '../../domain/rates';
import { ecbKnownUntil } from '../../domain/rates/operator-rates';
import { OperatorRateEntity } from '../../db/entities/operator-rate.entity';
import { toOperatorRates } from '../../db/operator-rates';
import { ApiError, validationFailed, type ErrorDetail } from '../common/api-error';
import { DATA_SOURCE } from '../tokens';
import { HALF_YEAR_PATTERN, RATE_KINDS, type CreateRateDto } from './create-rate.dto';
import type { RateListView, RateView } from './rate.view';

/**
 * Rates are published shortly before they apply (ECB decisions about a week before, the French
 * arrêté and the Belgian rate in the last weeks of the previous half-year). An entry that takes
 * effect later than this is most likely a typo (2072 for 2027), and for the ECB it would make every
 * rate up to that day count as known.
 */
export const MAX_DAYS_AHEAD = 92;

/** Until operators authenticate, every entry is recorded as added through the API. */
const CREATED_BY_PLACEHOLDER = 'api';

/** Where an entry takes effect, its table key, and the field an operator wrote it in. */
interface RateKey {
  kind: RateTableName;
  key: string;
  field: 'effectiveFrom' | 'halfYear';
  takesEffect: CalendarDate;
  halfYear?: HalfYear;
}

function shippedRateViews(): RateView[] {
  const { ecbMro, frenchLegal, belgianB2b } = SHIPPED_RATE_TABLES;
  return [
    ...ecbMro.entries.map((e) => ({
      kind: 'ECB_MRO' as const,
      effectiveFrom: e.effectiveFrom,
      rateBp: e.rateBp,
      ratePercent: percentFromBasisPoints(e.rateBp),
      origin: 'shipped' as const,
      source: ecbMro.source,
    })),
    ...frenchLegal.entries.map((e) => ({
      kind: 'FR_LEGAL' as const,
      halfYear: halfYearLabel(e),
      rateBp: e.otherCasesBp,
      ratePercent: percentFromBasisPoints(e.otherCasesBp),
      privateCreditorRateBp: e.privateCreditorBp,
      privateCreditorRatePercent: percentFromBasisPoints(e.privateCreditorBp),
      origin: 'shipped' as const,
      source: frenchLegal.source,
    })),
    ...belgianB2b.entries.map((e) => ({
      kind: 'BE_B2B' as const,
      halfYear: halfYearLabel(e),
      rateBp: e.rateBp,
      ratePercent: percentFromBasisPoints(e.rateBp),
      origin: 'shipped' as const,
      source: belgianB2b.source,
    })),
  ];
}

export function toRateView(row: OperatorRateEntity): RateView {
  const view: RateView = {
    kind: row.kind,
    ...(row.kind === 'ECB_MRO'
      ? { effectiveFrom: row.effectiveFrom as string }
      : { halfYear: halfYearLabel({ year: row.year as number, half: row.half as 1 | 2 }) }),
    rateBp: row.rateBp,
    ratePercent: percentFromBasisPoints(row.rateBp),
    ...(row.privateCreditorRateBp !== null && {
      privateCreditorRateBp: row.privateCreditorRateBp,
      privateCreditorRatePercent: percentFromBasisPoints(row.privateCreditorRateBp),
    }),
    origin: 'operator',
    source: row.source,
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
  return view;
}

const keyOfView = (view: RateView) => view.effectiveFrom ?? view.halfYear ?? '';

function byKindThenKey(a: RateView, b: RateView): number {
  return RATE_KINDS.indexOf(a.kind) - RATE_KINDS.indexOf(b.kind) || keyOfView(a).localeCompare(keyOfView(b));
}

/**
 * Checks which fields the kind takes; answers the key or the problems. null is taken as absent
 * (IsOptional lets it through): `"effectiveFrom": null` on ECB_MRO is "required", not a 500.
 */
function checkShape(dto: CreateRateDto): RateKey | ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const refuse = (path: string, issue: string) => problems.push({ path, issue });
  if (dto.kind === 'ECB_MRO') {
    if (dto.effectiveFrom == null) refuse('effectiveFrom', 'effectiveFrom is required for ECB_MRO (the day the rate is in force from)');
    if (dto.halfYear != null) refuse('halfYear', 'halfYear does not apply to ECB_MRO, which is keyed by effectiveFrom');
    if (dto.privateCreditorRateBp != null) refuse('privateCreditorRateBp', 'privateCreditorRateBp applies to FR_LEGAL only');
    if (problems.length > 0) return problems;
    const effectiveFrom = dto.effectiveFrom as string;
    return { kind: dto.kind, key: effectiveFrom, field: 'effectiveFrom', takesEffect: effectiveFrom };
  }
  if (dto.halfYear == null) refuse('halfYear', `halfYear is required for ${dto.kind} (YYYY-H1 or YYYY-H2)`);
  if (dto.effectiveFrom != null) refuse('effectiveFrom', `effectiveFrom applies to ECB_MRO only; ${dto.kind} is keyed by halfYear`);
  if (dto.rateBp < 0) refuse('rateBp', `rateBp must not be negative for ${dto.kind}`);
  if (dto.kind === 'FR_LEGAL' && dto.privateCreditorRateBp == null) {
    refuse('privateCreditorRateBp', 'privateCreditorRateBp is required for FR_LEGAL (the "creditor is a private individual" column of the arrêté)');
  }
  if (dto.kind === 'BE_B2B' && dto.privateCreditorRateBp != null) refuse('privateCreditorRateBp', 'privateCreditorRateBp applies to FR_LEGAL only');
  if (problems.length > 0) return problems;
  const [, year, half] = HALF_YEAR_PATTERN.exec(dto.halfYear as string) as RegExpExecArray;
  const halfYear: HalfYear = { year: Number(year), half: Number(half) as 1 | 2 };
  if (halfYear.year < 1) return [{ path: 'halfYear', issue: 'halfYear must be in years 0001 to 9999' }];
  return { kind: dto.kind, key: halfYearLabel(halfYear), field: 'halfYear', takesEffect: halfYearStart(halfYear), halfYear };
}

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === '23505';

@Injectable()
export class RatesService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async list(kind?: RateTableName): Promise<RateListView> {
    const rows = await this.dataSource.getRepository(OperatorRateEntity).find();
    const rates = [...shippedRateViews(), ...rows.map(toRateView)].filter((view) => !kind || view.kind === kind).sort(byKindThenKey);
    return { ecbKnownUntil: ecbKnownUntil(SHIPPED_RATE_TABLES, toOperatorRates(rows)), rates };
  }

  async create(dto: CreateRateDto, today: CalendarDate = parisDateOf(Date.now())): Promise<RateView> {
    const shape = checkShape(dto);
    if (Array.isArray(shape)) throw validationFailed(shape);
    const { kind, key, field, takesEffect } = shape;

    const latest = addDays(today, MAX_DAYS_AHEAD);
    if (compareDates(takesEffect, latest) > 0) {
      throw validationFailed([
        { path: field, issue: `${field} takes effect on ${takesEffect}, more than ${MAX_DAYS_AHEAD} days after today (${today}): rates are added once published` },
      ]);
    }
    const shipped = shippedRateViews().find((view) => view.kind === kind && keyOfView(view) === key);
    if (shipped) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'RATE.DUPLICATE',
        `${kind} ${key} is already in the shipped table (${shipped.ratePercent} %); shipped rates are corrected by a release, not through the API.`,
        [{ path: field, issue: `${kind} ${key} already exists (shipped, ${shipped.ratePercent} %)` }],
      );
    }
    // The shipped table lists every ECB decision from its first entry up to knownUntil: an entry
    // in between would contradict it. Before (older invoices) or after (new decisions) is fine.
    const { entries: shippedEcb, knownUntil: shippedEcbUntil } = SHIPPED_RATE_TABLES.ecbMro;
    const shippedEcbFrom = shippedEcb[0].effectiveFrom;
    if (kind === 'ECB_MRO' && compareDates(key, shippedEcbFrom) > 0 && compareDates(key, shippedEcbUntil) <= 0) {
      throw validationFailed([
        {
          path: 'effectiveFrom',
          issue: `effectiveFrom must be before ${shippedEcbFrom} or after ${shippedEcbUntil}: the shipped table lists every ECB decision between those days`,
        },
      ]);
    }

    const repo = this.dataSource.getRepository(OperatorRateEntity);
    const rows = await repo.find();
    const existing = rows.map(toRateView).find((view) => view.kind === kind && keyOfView(view) === key);
    if (existing) throw duplicate(kind, key, field, existing);

    const candidate: Partial<OperatorRateEntity> = {
      kind,
      effectiveFrom: kind === 'ECB_MRO' ? key : null,
      year: shape.halfYear?.year ?? null,
      half: shape.halfYear?.half ?? null,
      rateBp: dto.rateBp,
      privateCreditorRateBp: kind === 'FR_LEGAL' ? (dto.privateCreditorRateBp as number) : null,
      source: dto.source,
      createdBy: CREATED_BY_PLACEHOLDER,
    };
    // The engine's own checks on the whole operator set, before anything is stored.
    try {
      validateOperatorRates(toOperatorRates([...rows, candidate as OperatorRateEntity]));
    } catch (error) {
      if (error instanceof InvalidRateEntryError) throw validationFailed([{ path: field, issue: error.reason }]);
      throw error;
    }
    try {
      const saved = await repo.save(repo.create(candidate));
      return toRateView(await repo.findOneByOrFail({ id: saved.id }));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another request added the same key in the meantime.
      const winner = (await repo.find()).map(toRateView).find((view) => view.kind === kind && keyOfView(view) === key);
      throw duplicate(kind, key, field, winner);
    }
  }
}

function duplicate(kind: RateTableName, key: string, field: string, existing: RateView | undefined): ApiError {
  const what = existing ? `${existing.ratePercent} %, "${existing.source}", added ${existing.createdAt} by ${existing.createdBy}` : 'added concurrently';
  return new ApiError(
    HttpStatus.CONFLICT,
    'RATE.DUPLICATE',
    `An operator already added ${kind} ${key} (${what}). Entries are never overwritten; see GET /v1/rates.`,
    [{ path: field, issue: `${kind} ${key} already exists (operator${existing ? `, ${existing.ratePercent} %` : ''})` }],
  );
}

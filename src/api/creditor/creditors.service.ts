import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { partyIdentifierProblems } from '../../domain/identifiers';
import { CreditorEntity } from '../../db/entities/creditor.entity';
import { ApiError, validationFailed } from '../common/api-error';
import { toPostalAddress } from '../common/postal-address.dto';
import { differingFields } from '../common/same-json';
import { PlansService } from '../plans/plans.service';
import { DATA_SOURCE } from '../tokens';
import type { PutCreditorDto } from './creditor.dto';
import { toCreditorView, type CreditorListView, type CreditorView } from './creditor.view';

type CreditorContent = Omit<CreditorEntity, 'id' | 'createdAt' | 'updatedAt'>;

/** Every stored field a PUT sets; the same values again change nothing (updatedAt included). */
const CONTENT_FIELDS: readonly (keyof CreditorContent)[] = [
  'legalName', 'jurisdiction', 'registrationNumber', 'vatNumber', 'address', 'signatoryName', 'signatoryTitle', 'competentCourt',
  'iban', 'bic', 'billingContactName', 'billingContactEmail', 'billingContactPhone', 'defaultPlanName',
];

export const creditorNotFound = (id: string) =>
  new ApiError(HttpStatus.NOT_FOUND, 'CREDITOR.NOT_FOUND', `No creditor profile with id ${id}; create it with PUT /v1/creditors/${id}.`);

function toContent(dto: PutCreditorDto): CreditorContent {
  return {
    legalName: dto.legalName,
    jurisdiction: dto.jurisdiction,
    registrationNumber: dto.registrationNumber,
    vatNumber: dto.vatNumber ?? null,
    address: toPostalAddress(dto.address),
    signatoryName: dto.signatory.name,
    signatoryTitle: dto.signatory.title,
    competentCourt: dto.competentCourt.name,
    iban: dto.bankDetails.iban,
    bic: dto.bankDetails.bic ?? null,
    billingContactName: dto.billingContact.name,
    billingContactEmail: dto.billingContact.email,
    billingContactPhone: dto.billingContact.phone ?? null,
    defaultPlanName: dto.defaultPlanName ?? null,
  };
}

@Injectable()
export class CreditorsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly plans: PlansService,
  ) {}

  /** Every profile, or only the one of the creditor an integrator key is for. */
  async list(scope?: string): Promise<CreditorListView> {
    const rows = await this.dataSource.getRepository(CreditorEntity).find({ where: scope === undefined ? {} : { id: scope }, order: { id: 'ASC' } });
    return { items: rows.map(toCreditorView) };
  }

  /** A profile; with a scope (integrator keys) another creditor's is not found, as if it did not exist. */
  async get(id: string, scope?: string): Promise<CreditorView> {
    const row = scope === undefined || scope === id ? await this.dataSource.getRepository(CreditorEntity).findOneBy({ id }) : null;
    if (!row) throw creditorNotFound(id);
    return toCreditorView(row);
  }

  /**
   * Creates the profile or replaces it whole. Idempotent: the same body again leaves the row as it
   * was, updatedAt included. Concurrent PUTs of one id are serialized by the row lock.
   */
  async put(id: string, dto: PutCreditorDto): Promise<{ creditor: CreditorView; created: boolean }> {
    const problems = partyIdentifierProblems(dto.jurisdiction, { registrationNumber: dto.registrationNumber, vatNumber: dto.vatNumber });
    if (problems.length > 0) {
      const country = dto.jurisdiction === 'FR' ? 'French' : 'Belgian';
      throw validationFailed(problems.map(({ field, issue }) => ({ path: field, issue: `${field} ${issue} (${country} rules, from jurisdiction ${dto.jurisdiction})` })));
    }
    await this.plans.assertAssignable(dto.defaultPlanName, 'defaultPlanName');
    const content = toContent(dto);
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(CreditorEntity);
      const inserted = await repo.createQueryBuilder().insert().values({ id, ...content }).orIgnore().returning(['id']).execute();
      if (inserted.raw.length > 0) return { creditor: toCreditorView(await repo.findOneByOrFail({ id })), created: true };

      const existing = await repo.findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (differingFields<CreditorContent>(existing, content, CONTENT_FIELDS).length > 0) {
        await repo.createQueryBuilder().update().set({ ...content, updatedAt: () => 'now()' }).where({ id }).execute();
      }
      return { creditor: toCreditorView(await repo.findOneByOrFail({ id })), created: false };
    });
  }
}

import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { partyIdentifierProblems } from '../../domain/identifiers';
import { CreditorEntity } from '../../db/entities/creditor.entity';
import { CustomerEntity } from '../../db/entities/customer.entity';
import type { CustomerContact } from '../../db/entities/postal-address';
import { ApiError, validationFailed, type ErrorDetail } from '../common/api-error';
import { CURSOR_TIMESTAMP_SQL, decodeCursor, encodeCursor } from '../common/cursor';
import { toPostalAddress } from '../common/postal-address.dto';
import { differingFields } from '../common/same-json';
import { PlansService } from '../plans/plans.service';
import { APP_CONFIG, DATA_SOURCE } from '../tokens';
import { DEFAULT_PAGE_SIZE, type ContactDto, type CreateCustomerDto, type ListCustomersQueryDto, type UpdateCustomerDto } from './customer.dto';
import { toCustomerView, type CustomerPageView, type CustomerView } from './customer.view';

/** What a customer is, apart from its creditor, id and timestamps: what POST compares and PATCH changes. */
type CustomerContent = Pick<
  CustomerEntity,
  'externalId' | 'type' | 'legalName' | 'country' | 'registrationNumber' | 'vatNumber' | 'billingAddress' | 'registeredOffice' | 'contacts' | 'planOverride' | 'habitualLatePayer'
>;

const CONTENT_FIELDS: readonly (keyof CustomerContent)[] = [
  'externalId', 'type', 'legalName', 'country', 'registrationNumber', 'vatNumber', 'billingAddress', 'registeredOffice', 'contacts', 'planOverride', 'habitualLatePayer',
];

/** Fields a PATCH may change but not clear. */
const NOT_NULLABLE: readonly (keyof UpdateCustomerDto)[] = ['externalId', 'type', 'legalName', 'country', 'billingAddress', 'contacts', 'habitualLatePayer'];

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

/** What the name search compares: lower case, accents and ligatures undone, spaces collapsed ("Société  Œnologique" → "societe oenologique"). */
export function searchNameOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[œæßøłđ]/g, (char) => LIGATURES[char])
    .replace(/\s+/g, ' ')
    .trim();
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

const toContact = (dto: ContactDto): CustomerContact => ({
  role: dto.role,
  name: dto.name,
  email: dto.email ?? null,
  phone: dto.phone ?? null,
  language: dto.language ?? 'fr',
});

export const customerNotFound = (id: string) => new ApiError(HttpStatus.NOT_FOUND, 'CUSTOMER.NOT_FOUND', `No customer with id ${id}.`);

/** The checks that span fields, run on a new customer and on the result of a PATCH alike. */
export function customerProblems(customer: CustomerContent): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (customer.type === 'consumer') {
    for (const field of ['registrationNumber', 'vatNumber'] as const) {
      if (customer[field] !== null) problems.push({ path: field, issue: `${field} must be absent for a consumer (a person has no company number); is the type business?` });
    }
  } else {
    for (const { field, issue } of partyIdentifierProblems(customer.country, customer)) {
      problems.push({ path: field, issue: `${field} ${issue} (rules of ${customer.country}, the customer's country)` });
    }
  }
  customer.contacts.forEach((contact, index) => {
    if (contact.email === null && contact.phone === null) problems.push({ path: `contacts.${index}.email`, issue: `contacts.${index} needs an email or a phone` });
  });
  return problems;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === '23505';
}

function externalIdConflict(creditorId: string, externalId: string, differing: readonly string[] = []): ApiError {
  return new ApiError(
    HttpStatus.CONFLICT,
    'CUSTOMER.EXTERNAL_ID_CONFLICT',
    differing.length > 0
      ? `Customer ${externalId} of creditor ${creditorId} already exists with different ${differing.join(', ')}; change it with PATCH /v1/customers/{id}.`
      : `Another customer of creditor ${creditorId} has externalId ${externalId}.`,
    differing.length > 0 ? differing.map((path) => ({ path, issue: 'differs from the stored customer' })) : [{ path: 'externalId', issue: `externalId ${externalId} is taken` }],
  );
}

@Injectable()
export class CustomersService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly plans: PlansService,
  ) {}

  /**
   * Stores a new customer. The same externalId of the same creditor again answers the stored
   * customer when every field agrees (a retried POST), and 409 naming the fields that differ otherwise.
   */
  async create(dto: CreateCustomerDto): Promise<{ customer: CustomerView; created: boolean }> {
    const creditorId = dto.creditorId ?? this.config.dunning.creditorId;
    const content: CustomerContent = {
      externalId: dto.externalId,
      type: dto.type,
      legalName: dto.legalName,
      country: dto.country,
      registrationNumber: dto.registrationNumber ?? null,
      vatNumber: dto.vatNumber ?? null,
      billingAddress: toPostalAddress(dto.billingAddress),
      registeredOffice: dto.registeredOffice ? toPostalAddress(dto.registeredOffice) : null,
      contacts: (dto.contacts ?? []).map(toContact),
      planOverride: dto.planOverride ?? null,
      habitualLatePayer: dto.habitualLatePayer ?? false,
    };
    const problems = customerProblems(content);
    if (problems.length > 0) throw validationFailed(problems);
    await this.plans.assertAssignable(content.planOverride, 'planOverride');
    if (!(await this.dataSource.getRepository(CreditorEntity).existsBy({ id: creditorId }))) {
      const which = dto.creditorId === undefined ? `the default creditor ${creditorId} (CREDITOR_ID)` : `creditor ${creditorId}`;
      throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'CUSTOMER.UNKNOWN_CREDITOR', `There is no profile of ${which}; create it with PUT /v1/creditors/${creditorId} first.`, [
        { path: 'creditorId', issue: `no creditor profile with id ${creditorId}` },
      ]);
    }

    const repo = this.dataSource.getRepository(CustomerEntity);
    const inserted = await repo
      .createQueryBuilder()
      .insert()
      .values({ creditorId, ...content, searchName: searchNameOf(content.legalName) })
      .orIgnore()
      .returning(['id'])
      .execute();
    if (inserted.raw.length > 0) {
      return { customer: toCustomerView(await repo.findOneByOrFail({ id: inserted.raw[0].id })), created: true };
    }
    const existing = await repo.findOneByOrFail({ creditorId, externalId: content.externalId });
    const differing = differingFields<CustomerContent>(existing, content, CONTENT_FIELDS);
    if (differing.length > 0) throw externalIdConflict(creditorId, content.externalId, differing);
    return { customer: toCustomerView(existing), created: false };
  }

  /** A customer; with a creditor scope (integrator keys) another creditor's customer is not found, as if it did not exist. */
  async get(id: string, creditorId?: string): Promise<CustomerView> {
    const row = await this.dataSource.getRepository(CustomerEntity).findOneBy({ id, ...(creditorId === undefined ? {} : { creditorId }) });
    if (!row) throw customerNotFound(id);
    return toCustomerView(row);
  }

  /** Changes the fields sent, checks the result like a new customer; nothing sent that differs, nothing changes (updatedAt included). */
  async update(id: string, dto: UpdateCustomerDto): Promise<CustomerView> {
    const nulls = NOT_NULLABLE.filter((field) => dto[field] === null);
    if (nulls.length > 0) throw validationFailed(nulls.map((field) => ({ path: field, issue: `${field} cannot be cleared (null); send a value or leave it out` })));
    const patch: Partial<CustomerContent> = {};
    if (dto.externalId !== undefined) patch.externalId = dto.externalId;
    if (dto.type !== undefined) patch.type = dto.type;
    if (dto.legalName !== undefined) patch.legalName = dto.legalName;
    if (dto.country !== undefined) patch.country = dto.country;
    if (dto.registrationNumber !== undefined) patch.registrationNumber = dto.registrationNumber;
    if (dto.vatNumber !== undefined) patch.vatNumber = dto.vatNumber;
    if (dto.billingAddress !== undefined) patch.billingAddress = toPostalAddress(dto.billingAddress);
    if (dto.registeredOffice !== undefined) patch.registeredOffice = dto.registeredOffice ? toPostalAddress(dto.registeredOffice) : null;
    if (dto.contacts !== undefined) patch.contacts = dto.contacts.map(toContact);
    if (dto.planOverride !== undefined) patch.planOverride = dto.planOverride;
    await this.plans.assertAssignable(patch.planOverride, 'planOverride');
    if (dto.habitualLatePayer !== undefined) patch.habitualLatePayer = dto.habitualLatePayer;

    let creditorId = '';
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(CustomerEntity);
        const existing = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!existing) throw customerNotFound(id);
        creditorId = existing.creditorId;
        const merged: CustomerContent = { ...existing, ...patch };
        const problems = customerProblems(merged);
        if (problems.length > 0) throw validationFailed(problems);
        if (differingFields<CustomerContent>(existing, merged, CONTENT_FIELDS).length === 0) return toCustomerView(existing);
        const changes = Object.fromEntries(CONTENT_FIELDS.map((field) => [field, merged[field]]));
        await repo
          .createQueryBuilder()
          .update()
          .set({ ...changes, searchName: searchNameOf(merged.legalName), updatedAt: () => 'now()' })
          .where({ id })
          .execute();
        return toCustomerView(await repo.findOneByOrFail({ id }));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw externalIdConflict(creditorId, patch.externalId as string);
      throw error;
    }
  }

  /** One page, oldest first, by (created_at, id): a stable order that rows added meanwhile only extend. */
  async list(query: ListCustomersQueryDto, scope?: string): Promise<CustomerPageView> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .addSelect(CURSOR_TIMESTAMP_SQL('c.created_at'), 'cursor_created_at');
    // An integrator key sees its creditor's customers only, whatever creditorId filter it sends.
    if (scope !== undefined) qb.andWhere('c.creditor_id = :scope', { scope });
    if (query.creditorId !== undefined) qb.andWhere('c.creditor_id = :creditorId', { creditorId: query.creditorId });
    if (query.externalId !== undefined) qb.andWhere('c.external_id = :externalId', { externalId: query.externalId });
    if (query.type !== undefined) qb.andWhere('c.type = :type', { type: query.type });
    if (query.country !== undefined) qb.andWhere('c.country = :country', { country: query.country });
    if (query.habitualLatePayer !== undefined) qb.andWhere('c.habitual_late_payer = :late', { late: query.habitualLatePayer });
    if (query.q !== undefined) qb.andWhere('c.search_name LIKE :pattern', { pattern: `%${escapeLike(searchNameOf(query.q))}%` });
    if (after) {
      qb.andWhere('(c.created_at, c.id) > (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid))', { afterCreatedAt: after.createdAt, afterId: after.id });
    }
    const { entities, raw } = await qb.orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').limit(limit + 1).getRawAndEntities<{ cursor_created_at: string }>();
    const items = entities.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = entities.length > limit && last ? encodeCursor({ createdAt: raw[limit - 1].cursor_created_at, id: last.id }) : null;
    return { items: items.map(toCustomerView), nextCursor };
  }
}

import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { QueryFailedError, type DataSource } from 'typeorm';
import { DEFAULT_FR_B2B_PLAN, HABITUAL_LATE_PAYER_FR_B2B_PLAN, planProblems, type DunningPlan } from '../../domain/plan';
import { DunningPlanEntity } from '../../db/entities/dunning-plan.entity';
import { ApiError, validationFailed, type ErrorDetail } from '../common/api-error';
import { DATA_SOURCE } from '../tokens';
import type { PlanSummaryView, PlanView } from './plan.view';

/** Plans built into the release: version 1 of each; operators add later versions or new plans. */
export const SHIPPED_PLANS: readonly DunningPlan[] = [DEFAULT_FR_B2B_PLAN, HABITUAL_LATE_PAYER_FR_B2B_PLAN];
export const DEFAULT_PLAN_NAME = DEFAULT_FR_B2B_PLAN.name;

/** Until operators authenticate, every version is recorded as added through the API. */
const CREATED_BY_PLACEHOLDER = 'api';

const UNIQUE_VIOLATION = '23505';

const planNotFound = (name: string, version?: number) =>
  new ApiError(HttpStatus.NOT_FOUND, 'PLAN.NOT_FOUND', version ? `Plan ${name} has no version ${version}.` : `No plan named ${name}.`);

function shippedView(plan: DunningPlan): PlanView {
  return { ...plan, origin: 'shipped' };
}

function storedView(entity: DunningPlanEntity): PlanView {
  return { ...entity.definition, origin: 'operator', createdAt: entity.createdAt.toISOString() };
}

const PLAN_FIELDS = new Set(['name', 'version', 'description', 'steps', 'formalNoticeDeadlineDays', 'promiseGraceDays', 'postingConfirmationDays']);
const STEP_FIELDS = new Set(['key', 'anchor', 'offsetDays', 'channel', 'template', 'tone', 'payWithinDays', 'completeWithinDays']);
const MAX_DESCRIPTION_LENGTH = 500;

/** A misspelt field must not pass as an absent one: the API refuses what the plan does not define. */
function unknownFields(plan: Record<string, unknown>): ErrorDetail[] {
  const problems: ErrorDetail[] = Object.keys(plan)
    .filter((field) => !PLAN_FIELDS.has(field))
    .map((field) => ({ path: field, issue: 'is not a plan field' }));
  if (plan.description !== undefined && (typeof plan.description !== 'string' || plan.description.length > MAX_DESCRIPTION_LENGTH)) {
    problems.push({ path: 'description', issue: `must be text of at most ${MAX_DESCRIPTION_LENGTH} characters` });
  }
  if (Array.isArray(plan.steps)) {
    plan.steps.forEach((step: unknown, i) => {
      if (typeof step !== 'object' || step === null) return;
      for (const field of Object.keys(step).filter((f) => !STEP_FIELDS.has(f))) problems.push({ path: `steps[${i}].${field}`, issue: 'is not a step field' });
    });
  }
  return problems;
}

@Injectable()
export class PlansService {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(DunningPlanEntity);
  }

  async list(): Promise<PlanSummaryView[]> {
    const stored = await this.repo.find({ select: { name: true, version: true, definition: true }, order: { name: 'ASC', version: 'ASC' } });
    const byName = new Map<string, PlanSummaryView>();
    for (const plan of [...SHIPPED_PLANS, ...stored.map((s) => s.definition)]) {
      const summary = byName.get(plan.name) ?? { name: plan.name, latestVersion: 0, versions: [] };
      summary.versions.push(plan.version);
      summary.latestVersion = Math.max(summary.latestVersion, plan.version);
      if (plan.version === summary.latestVersion) summary.description = plan.description;
      byName.set(plan.name, summary);
    }
    return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The latest version of a plan, or a given one. */
  async get(name: string, version?: number): Promise<PlanView> {
    const stored = await this.repo.findOne({ where: version ? { name, version } : { name }, order: { version: 'DESC' } });
    if (stored) return storedView(stored);
    const shipped = SHIPPED_PLANS.find((p) => p.name === name && (version === undefined || p.version === version));
    if (shipped) return shippedView(shipped);
    throw planNotFound(name, version);
  }

  /** Whether a plan of that name exists, for the places that assign one (creditor default, customer override). */
  async exists(name: string): Promise<boolean> {
    return SHIPPED_PLANS.some((p) => p.name === name) || (await this.repo.existsBy({ name }));
  }

  /** Refuses, naming the field, a plan name nobody can run (assigning one must not break a later dunning's start). */
  async assertAssignable(planName: string | null | undefined, field: string): Promise<void> {
    if (planName == null || (await this.exists(planName))) return;
    throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'PLAN.UNKNOWN', `There is no plan named ${planName}; see GET /v1/plans.`, [
      { path: field, issue: `no plan named ${planName}` },
    ]);
  }

  async create(body: unknown): Promise<PlanView> {
    const name = (body as { name?: unknown })?.name;
    if (typeof name === 'string' && (await this.exists(name))) {
      throw new ApiError(HttpStatus.CONFLICT, 'PLAN.ALREADY_EXISTS', `Plan ${name} exists; add a version with POST /v1/plans/${name}/versions.`, [
        { path: 'name', issue: 'is taken' },
      ]);
    }
    return this.store(body, typeof name === 'string' ? name : '', 1);
  }

  /** A new version of an existing plan; dunnings already running keep the version they started with. */
  async addVersion(name: string, body: unknown): Promise<PlanView> {
    const latest = await this.get(name);
    return this.store(body, name, latest.version + 1);
  }

  private async store(body: unknown, name: string, version: number): Promise<PlanView> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw validationFailed([{ path: 'body', issue: 'must be a JSON object describing the plan' }]);
    }
    if ('version' in body) throw validationFailed([{ path: 'version', issue: 'is assigned by the server; leave it out' }]);
    const plan = { ...body, name, version } as DunningPlan & Record<string, unknown>;
    const problems = [...unknownFields(plan), ...planProblems(plan)];
    if (problems.length > 0) throw validationFailed(problems);
    try {
      const saved = await this.repo.save(this.repo.create({ name, version, definition: plan, createdBy: CREATED_BY_PLACEHOLDER }));
      return storedView(saved);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ApiError(HttpStatus.CONFLICT, 'PLAN.VERSION_CONFLICT', `Another version of ${name} was stored at the same time; retry.`);
      }
      throw error;
    }
  }
}

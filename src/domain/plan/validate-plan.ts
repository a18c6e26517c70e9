import { DomainError } from '../errors';
import { DunningPlan, STEP_ANCHORS, STEP_TEMPLATES, STEP_TONES, StepChannel } from './plan-types';

export interface PlanProblem {
  path: string;
  issue: string;
}

/** A plan that cannot be run; `problems` lists every field at fault, for the plans API to show. */
export class InvalidPlanError extends DomainError {
  readonly code = 'PLAN.INVALID';

  constructor(readonly problems: PlanProblem[]) {
    super(`Invalid dunning plan: ${problems.map((p) => `${p.path} ${p.issue}`).join('; ')}`);
  }
}

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const FORMAL_NOTICE_DEADLINES = [8, 15];

/** Every problem of a plan (empty when it can run). Accepts any JSON, as a stored plan may be old or hand-edited. */
export function planProblems(plan: unknown): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const fail = (path: string, issue: string) => problems.push({ path, issue });
  if (!isObject(plan)) return [{ path: 'plan', issue: 'must be an object' }];

  if (typeof plan.name !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(plan.name)) {
    fail('name', 'must be 1 to 64 lowercase letters, digits or . _ -');
  }
  if (!isIntegerIn(plan.version, 1, 1_000_000)) fail('version', 'must be a positive whole number');
  if (!FORMAL_NOTICE_DEADLINES.includes(plan.formalNoticeDeadlineDays as number)) {
    fail('formalNoticeDeadlineDays', 'must be 8 or 15');
  }
  if (!isIntegerIn(plan.promiseGraceDays, 0, 30)) fail('promiseGraceDays', 'must be a whole number of days from 0 to 30');
  if (!isIntegerIn(plan.postingConfirmationDays, 1, 60)) {
    fail('postingConfirmationDays', 'must be a whole number of days from 1 to 60');
  }
  if (!Array.isArray(plan.steps) || plan.steps.length === 0) {
    fail('steps', 'must list at least one step');
    return problems;
  }

  const keys = new Set<string>();
  let previous: { anchorRank: number; offsetDays: number } | undefined;
  const channelsSoFar = new Set<StepChannel>();
  plan.steps.forEach((step: unknown, i: number) => {
    const at = `steps[${i}]`;
    if (!isObject(step)) return fail(at, 'must be an object');
    if (typeof step.key !== 'string' || !KEY_PATTERN.test(step.key)) {
      fail(`${at}.key`, 'must be 1 to 40 lowercase letters, digits or _, starting with a letter');
    } else if (keys.has(step.key)) {
      fail(`${at}.key`, `"${step.key}" is used twice`);
    } else keys.add(step.key);

    const channel = step.channel as StepChannel;
    const templates: readonly string[] | undefined = STEP_TEMPLATES[channel];
    if (!templates) fail(`${at}.channel`, `must be one of ${Object.keys(STEP_TEMPLATES).join(', ')}`);
    else if (!templates.includes(step.template as string)) fail(`${at}.template`, `must be one of ${templates.join(', ')} for ${channel}`);
    if (!STEP_TONES.includes(step.tone as never)) fail(`${at}.tone`, `must be one of ${STEP_TONES.join(', ')}`);
    if (!isIntegerIn(step.offsetDays, -60, 365)) fail(`${at}.offsetDays`, 'must be a whole number of days from -60 to 365');
    if (step.payWithinDays !== undefined && !isIntegerIn(step.payWithinDays, 1, 60)) {
      fail(`${at}.payWithinDays`, 'must be a whole number of days from 1 to 60');
    }
    if (step.completeWithinDays !== undefined && (channel !== 'phone_task' || !isIntegerIn(step.completeWithinDays, 0, 30))) {
      fail(`${at}.completeWithinDays`, 'is for phone tasks only, from 0 to 30 days');
    }

    const anchorRank = STEP_ANCHORS.indexOf(step.anchor as never);
    if (anchorRank < 0) fail(`${at}.anchor`, `must be one of ${STEP_ANCHORS.join(', ')}`);
    if (step.anchor === 'registered_letter_posted' && !channelsSoFar.has('registered_letter')) {
      fail(`${at}.anchor`, 'needs a registered_letter step before it');
    }
    if (step.anchor === 'formal_notice_deadline' && !channelsSoFar.has('formal_notice')) {
      fail(`${at}.anchor`, 'needs a formal_notice step before it');
    }
    // Steps run in the order listed: the dates they compute must not go back in time.
    if (anchorRank >= 0 && typeof step.offsetDays === 'number' && previous) {
      const goesBack =
        anchorRank < previous.anchorRank || (anchorRank === previous.anchorRank && step.offsetDays < previous.offsetDays);
      if (goesBack) fail(`${at}`, 'is listed after a step that runs later (order steps by anchor, then offset)');
    }
    if (anchorRank >= 0 && typeof step.offsetDays === 'number') previous = { anchorRank, offsetDays: step.offsetDays };
    if (templates) channelsSoFar.add(channel);
  });
  return problems;
}

export function assertValidPlan(plan: unknown): asserts plan is DunningPlan {
  const problems = planProblems(plan);
  if (problems.length > 0) throw new InvalidPlanError(problems);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

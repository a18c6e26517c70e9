import { assertValidPlan, DEFAULT_FR_B2B_PLAN, DunningPlan, HABITUAL_LATE_PAYER_FR_B2B_PLAN, InvalidPlanError, planProblems } from '.';

const withChanges = (change: (plan: DunningPlan) => void): DunningPlan => {
  const plan = JSON.parse(JSON.stringify(DEFAULT_FR_B2B_PLAN)) as DunningPlan;
  change(plan);
  return plan;
};

describe('planProblems', () => {
  it('accepts the default plan, which is frozen', () => {
    expect(planProblems(DEFAULT_FR_B2B_PLAN)).toEqual([]);
    expect(planProblems(HABITUAL_LATE_PAYER_FR_B2B_PLAN)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_FR_B2B_PLAN.steps[0])).toBe(true);
  });

  it('names every field at fault', () => {
    const plan = withChanges((p) => {
      p.version = 0;
      p.formalNoticeDeadlineDays = 10;
      p.steps[1].key = 'courtesy_reminder';
      p.steps[2].template = 'first_reminder' as never;
      p.steps[3].offsetDays = 2.5;
    });
    expect(planProblems(plan).map((p) => p.path)).toEqual([
      'version',
      'formalNoticeDeadlineDays',
      'steps[1].key',
      'steps[2].template',
      'steps[3].offsetDays',
    ]);
  });

  it('refuses a formal notice before any registered letter, and steps out of order', () => {
    const noRegisteredLetter = withChanges((p) => p.steps.splice(4, 1));
    expect(planProblems(noRegisteredLetter)).toContainEqual({ path: 'steps[4].anchor', issue: 'needs a registered_letter step before it' });
    const outOfOrder = withChanges((p) => ([p.steps[0], p.steps[1]] = [p.steps[1], p.steps[0]]));
    expect(planProblems(outOfOrder).map((p) => p.path)).toEqual(['steps[1]']);
  });

  it('refuses what is not a plan', () => {
    expect(planProblems(null)).toEqual([{ path: 'plan', issue: 'must be an object' }]);
    expect(() => assertValidPlan({ name: 'x', version: 1, steps: [] })).toThrow(InvalidPlanError);
  });
});

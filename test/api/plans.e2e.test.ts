import request from 'supertest';
import { DEFAULT_FR_B2B_PLAN, HABITUAL_LATE_PAYER_FR_B2B_PLAN } from '../../src/domain/plan';
import { DunningPlanEntity } from '../../src/db/entities/dunning-plan.entity';
import { startTestStack, type TestStack } from '../support/test-stack';

// Plans are data an operator manages over the API; versions never change once stored.
describe('plans API on the real stack', () => {
  let stack: TestStack;
  const { version: _version, ...defaultBody } = DEFAULT_FR_B2B_PLAN;
  const keyAccounts = {
    ...defaultBody,
    name: 'fr-b2b-key-accounts',
    description: 'Key accounts: no courtesy reminder, softer tone',
    steps: defaultBody.steps.filter((s) => s.key !== 'courtesy_reminder'),
  };
  const storedCount = () => stack.dataSource.getRepository(DunningPlanEntity).count();

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists the shipped default plan and serves it', async () => {
    const list = await request(stack.http).get('/v1/plans').expect(200);
    expect(list.body).toEqual([
      { name: 'fr-b2b-default', latestVersion: 1, versions: [1], description: DEFAULT_FR_B2B_PLAN.description },
      { name: 'fr-b2b-habitual-late-payer', latestVersion: 1, versions: [1], description: HABITUAL_LATE_PAYER_FR_B2B_PLAN.description },
    ]);
    const plan = await request(stack.http).get('/v1/plans/fr-b2b-default').expect(200);
    expect(plan.body).toEqual({ ...DEFAULT_FR_B2B_PLAN, origin: 'shipped' });
  });

  it('creates a plan as version 1, then versions it without touching version 1', async () => {
    const created = await request(stack.http).post('/v1/plans').send(keyAccounts).expect(201);
    expect(created.body).toMatchObject({ name: 'fr-b2b-key-accounts', version: 1, origin: 'operator' });
    expect(created.body.steps.map((s: { key: string }) => s.key)).not.toContain('courtesy_reminder');

    const { name: _name, ...changes } = { ...keyAccounts, promiseGraceDays: 7 };
    const v2 = await request(stack.http).post('/v1/plans/fr-b2b-key-accounts/versions').send(changes).expect(201);
    expect(v2.body).toMatchObject({ name: 'fr-b2b-key-accounts', version: 2, promiseGraceDays: 7 });

    const latest = await request(stack.http).get('/v1/plans/fr-b2b-key-accounts').expect(200);
    expect(latest.body.version).toBe(2);
    const v1 = await request(stack.http).get('/v1/plans/fr-b2b-key-accounts/versions/1').expect(200);
    expect(v1.body.promiseGraceDays).toBe(keyAccounts.promiseGraceDays);
  });

  it('versions the shipped default plan: an operator edit becomes version 2', async () => {
    const v2 = await request(stack.http).post('/v1/plans/fr-b2b-default/versions').send({ ...defaultBody, formalNoticeDeadlineDays: 15 }).expect(201);
    expect(v2.body).toMatchObject({ name: 'fr-b2b-default', version: 2, formalNoticeDeadlineDays: 15 });
    const list = await request(stack.http).get('/v1/plans').expect(200);
    expect(list.body.find((p: { name: string }) => p.name === 'fr-b2b-default')).toMatchObject({ latestVersion: 2, versions: [1, 2] });
    const shipped = await request(stack.http).get('/v1/plans/fr-b2b-default/versions/1').expect(200);
    expect(shipped.body).toMatchObject({ version: 1, origin: 'shipped', formalNoticeDeadlineDays: 8 });
  });

  it('refuses a second plan of the same name (409) and unknown plans (404)', async () => {
    const again = await request(stack.http).post('/v1/plans').send(keyAccounts).expect(409);
    expect(again.body.error.code).toBe('PLAN.ALREADY_EXISTS');
    const missing = await request(stack.http).get('/v1/plans/nope').expect(404);
    expect(missing.body.error.code).toBe('PLAN.NOT_FOUND');
    await request(stack.http).post('/v1/plans/nope/versions').send(keyAccounts).expect(404);
    await request(stack.http).get('/v1/plans/fr-b2b-default/versions/99').expect(404);
    const badVersion = await request(stack.http).get('/v1/plans/fr-b2b-default/versions/two').expect(422);
    expect(badVersion.body.error.details).toEqual([{ path: 'version', issue: 'version must be a whole number' }]);
  });

  describe('refuses an invalid plan with 422 naming the field, and stores nothing', () => {
    const cases: [string, unknown, string][] = [
      ['no steps', { ...keyAccounts, name: 'p1', steps: [] }, 'steps'],
      ['bad deadline', { ...keyAccounts, name: 'p2', formalNoticeDeadlineDays: 10 }, 'formalNoticeDeadlineDays'],
      ['unknown template', { ...keyAccounts, name: 'p3', steps: [{ ...keyAccounts.steps[0], template: 'rude_letter' }] }, 'steps[0].template'],
      ['version given by the client', { ...keyAccounts, name: 'p4', version: 7 }, 'version'],
      ['bad name', { ...keyAccounts, name: 'Has Spaces' }, 'name'],
      ['not an object', [1, 2, 3], 'body'],
      ['unknown field', { ...keyAccounts, name: 'p5', tone: 'soft' }, 'tone'],
      ['unknown step field', { ...keyAccounts, name: 'p6', steps: [{ ...keyAccounts.steps[0], delay: 3 }] }, 'steps[0].delay'],
      ['huge description', { ...keyAccounts, name: 'p7', description: 'x'.repeat(100_000) }, 'description'],
    ];
    it.each(cases)('%s', async (_label, body, field) => {
      const before = await storedCount();
      const response = await request(stack.http).post('/v1/plans').send(body as object).expect(422);
      expect(response.body.error.code).toBe('VALIDATION.FAILED');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(await storedCount()).toBe(before);
    });
  });
});

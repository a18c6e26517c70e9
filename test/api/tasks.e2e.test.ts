import request from 'supertest';
import type { DunningStepRequest } from '../../src/activities/dunning-activity-types';
import { phoneCallInstructions } from '../../src/activities/tasks/phone-call-script';
import { createTaskOnce } from '../../src/activities/tasks/operator-tasks';
import { addDays, isBusinessDay, parisDateOf, parisInstant } from '../../src/domain/calendar';
import { InvoiceEntity } from '../../src/db/entities/invoice.entity';
import { startTestStack, type TestStack } from '../support/test-stack';

/** Retries `check` every 200 ms until it passes, at most `attempts` times (no fixed sleeps). */
async function eventually<T>(check: () => Promise<T>, attempts = 100): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

interface Task {
  id: string;
  kind: string;
  status: string;
  invoiceId: string;
  outcome: string | null;
  script: string[] | null;
}

/**
 * Operator tasks end to end: the dunning of an invoice due yesterday creates a phone-call task,
 * which an operator lists, reads and completes; the outcome reaches the dunning.
 *
 * When the task appears: the plan's phone step goes with the first reminder, at D+1, at the first
 * send slot (a business day, from the send hour, Europe/Paris). The stack runs with send hour 0, so
 * on any business day, at any hour, that slot is now and the real worker creates the task within a
 * second: the test waits for it by polling the API. On a weekend or a French public holiday the slot
 * is the next business day; the test then checks that the step is scheduled there and creates the
 * task row itself, exactly as the phone step's activity writes it (same key, kind, script), so the
 * rest (list, read, complete, the dunning's answer) runs the same at any time.
 */
describe('operator tasks API on the real stack', () => {
  let stack: TestStack;
  const today = parisDateOf(Date.now());
  let invoices = 0;

  /** An invoice due yesterday, and its phone-call task once it exists; `byWorker`: the plan's step created it (a business day). */
  async function overdueInvoiceWithPhoneTask(): Promise<{ invoiceId: string; task: Task; byWorker: boolean }> {
    invoices++;
    const invoiceNumber = `TK-${invoices}`;
    const created = await request(stack.http)
      .post('/v1/invoices')
      .send({
        invoiceNumber,
        totalCents: 120_000,
        netCents: 100_000,
        currency: 'EUR',
        issueDate: addDays(today, -31),
        dueDate: addDays(today, -1),
        debtor: { name: 'Boulangerie Martin SARL', email: 'compta@boulangerie-martin.example', language: 'fr' },
      })
      .expect(201);
    const invoiceId: string = created.body.id;
    const next = created.body.dunning?.nextAction as { step: string; at: string } | null | undefined;
    const byWorker = !(next && Date.parse(next.at) > Date.now() + 2_000);
    if (!byWorker) {
      // Not a business day: the first reminder (and the phone call with it) waits for the next slot.
      expect(next.step).toBe('first_reminder');
      expect(isBusinessDay(parisDateOf(Date.parse(next.at)))).toBe(true);
      expect(next.at).toBe(parisInstant(parisDateOf(Date.parse(next.at)), 0).toISOString());
      await createPhoneTaskAsTheStepWould(invoiceId);
    }
    const task = await eventually(async () => {
      const { body } = await request(stack.http).get('/v1/tasks').query({ invoiceId, kind: 'phone_call' }).expect(200);
      expect(body.items).toHaveLength(1);
      return body.items[0] as Task;
    });
    return { invoiceId, task, byWorker };
  }

  /** What the phone step's activity (createPhoneCallTask) writes: the task keyed by dunning and step, with the call script. */
  async function createPhoneTaskAsTheStepWould(invoiceId: string): Promise<void> {
    const invoice = await stack.dataSource.getRepository(InvoiceEntity).findOneByOrFail({ id: invoiceId });
    const script = phoneCallInstructions(invoice, { balanceCents: invoice.totalCents, currency: invoice.currency } as DunningStepRequest);
    await createTaskOnce(stack.dataSource, {
      dunningId: invoice.workflowId,
      invoiceId,
      key: `${invoice.workflowId}/phone_call`,
      kind: 'phone_call',
      title: `Call ${invoice.debtorName} about invoice ${invoice.invoiceNumber}`,
      instructions: script,
      dueOn: addDays(today, 2),
    });
  }

  const complete = (taskId: string, body: object) => request(stack.http).post(`/v1/tasks/${taskId}/complete`).send(body);
  const promise = () => ({ outcome: 'promise_to_pay', by: 'sophie.martin@acme.example', promisedDate: addDays(today, 5), note: 'Payment run on Friday' });

  beforeAll(async () => {
    stack = await startTestStack({ env: { DUNNING_SEND_HOUR: '0' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('an invoice due yesterday gets a phone-call task; completing it with a promise pauses the dunning (promised), once', async () => {
    const { invoiceId, task, byWorker } = await overdueInvoiceWithPhoneTask();
    expect(task).toMatchObject({ kind: 'phone_call', status: 'open', invoiceId, invoiceNumber: expect.stringMatching(/^TK-/), outcome: null });
    if (byWorker) {
      // The plan's step made it: the dunning records the step once the task is stored.
      await eventually(async () => {
        const { items } = (await request(stack.http).get(`/v1/invoices/${invoiceId}/timeline`).expect(200)).body;
        const steps = items.filter((item: { kind: string }) => item.kind === 'step_done').map((item: { step: string }) => item.step);
        expect(steps).toEqual(['first_reminder', 'phone_call']);
      });
    }

    const open = await request(stack.http).get('/v1/tasks').query({ status: 'open', kind: 'phone_call' }).expect(200);
    expect(open.body.items.map((t: Task) => t.id)).toContain(task.id);

    const shown = await request(stack.http).get(`/v1/tasks/${task.id}`).expect(200);
    expect(shown.body.title).toContain('Boulangerie Martin SARL');
    expect(shown.body.script).toEqual(shown.body.instructions.split('\n'));
    expect(shown.body.script).toContain('1. Say who is calling and why.');

    const done = await complete(task.id, promise()).expect(200);
    expect(done.body).toMatchObject({ id: task.id, status: 'done', outcome: 'promise_to_pay', closedBy: 'sophie.martin@acme.example' });
    expect(done.body.closedAt).toEqual(expect.any(String));

    const invoice = await request(stack.http).get(`/v1/invoices/${invoiceId}`).expect(200);
    expect(invoice.body.dunning).toMatchObject({ stage: 'promised', paused: true });
    const timeline = (await request(stack.http).get(`/v1/invoices/${invoiceId}/timeline`).expect(200)).body;
    const outcome = timeline.items.find((item: { kind: string }) => item.kind === 'phone_call_outcome');
    expect(outcome).toMatchObject({ by: 'sophie.martin@acme.example', summary: 'Phone call: promise to pay: Payment run on Friday' });
    expect(timeline.items.at(-1)).toMatchObject({ kind: 'promise_made', summary: expect.stringContaining(addDays(today, 5)) });

    // A retry answers the same task and records nothing more; another outcome is refused.
    const again = await complete(task.id, promise()).expect(200);
    expect(again.body).toEqual(done.body);
    const conflict = await complete(task.id, { outcome: 'no_answer', by: 'someone.else@acme.example' }).expect(409);
    expect(conflict.body.error).toMatchObject({ code: 'TASK.ALREADY_COMPLETED', details: [{ path: 'outcome' }] });
    const after = (await request(stack.http).get(`/v1/invoices/${invoiceId}/timeline`).expect(200)).body;
    expect(after.items).toHaveLength(timeline.items.length);

    const doneList = await request(stack.http).get('/v1/tasks').query({ status: 'done', invoiceId }).expect(200);
    expect(doneList.body.items.map((t: Task) => t.id)).toEqual([task.id]);
  });

  it('refuses a completion that does not fit the task with 422 naming the field, and leaves it open', async () => {
    const { invoiceId, task } = await overdueInvoiceWithPhoneTask();
    const cases: [object, string][] = [
      [{ outcome: 'voicemail', by: 'sophie' }, 'outcome'],
      [{ outcome: 'promise_to_pay', by: 'sophie' }, 'promisedDate'],
      [{ outcome: 'no_answer', by: 'sophie', promisedDate: addDays(today, 3) }, 'promisedDate'],
      [{ outcome: 'dispute', by: 'sophie' }, 'disputeReason'],
      [{ outcome: 'no_answer' }, 'by'],
      [{ outcome: 'no_answer', by: 'sophie', mood: 'grumpy' }, 'mood'],
    ];
    for (const [body, field] of cases) {
      const response = await complete(task.id, body).expect(422);
      expect(response.body.error.code).toBe('VALIDATION.FAILED');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    // A promise in the past: the workflow refuses it, with its own code.
    const past = await complete(task.id, { outcome: 'promise_to_pay', by: 'sophie', promisedDate: addDays(today, -3) }).expect(422);
    expect(past.body.error).toMatchObject({ code: 'PROMISE.INVALID_DATE', details: [{ path: 'promisedDate' }] });

    expect((await request(stack.http).get(`/v1/tasks/${task.id}`).expect(200)).body.status).toBe('open');
    expect((await request(stack.http).get(`/v1/invoices/${invoiceId}`).expect(200)).body.dunning.paused).toBe(false);
  });

  it('cancels the open tasks when the invoice is paid; completing one then answers 409 TASK.CANCELLED', async () => {
    const { invoiceId, task } = await overdueInvoiceWithPhoneTask();
    await request(stack.http)
      .post(`/v1/invoices/${invoiceId}/payments`)
      .send({ reference: 'VIR-TK-PAID', amountCents: 120_000, currency: 'EUR', valueDate: today })
      .expect(200);
    const cancelled = await eventually(async () => {
      const { body } = await request(stack.http).get(`/v1/tasks/${task.id}`).expect(200);
      expect(body.status).toBe('cancelled');
      return body;
    });
    expect(cancelled.outcome).toBe('paid');
    const response = await complete(task.id, { outcome: 'reached', by: 'sophie' }).expect(409);
    expect(response.body.error.code).toBe('TASK.CANCELLED');
  });

  it('completes other kinds of task by hand; posting tasks go through the registered-letter event', async () => {
    const { invoiceId } = await overdueInvoiceWithPhoneTask();
    const invoice = await stack.dataSource.getRepository(InvoiceEntity).findOneByOrFail({ id: invoiceId });
    const base = { dunningId: invoice.workflowId, invoiceId, title: 'Something to do', instructions: 'Do it', dueOn: today };
    const failed = await createTaskOnce(stack.dataSource, { ...base, key: `${invoice.workflowId}/written_reminder/failed`, kind: 'step_failed' });
    const posting = await createTaskOnce(stack.dataSource, { ...base, key: `${invoice.workflowId}/registered_warning/post`, kind: 'post_registered_letter' });

    const withNote = await complete(failed.id, { outcome: 'Letter sent by hand', by: 'sophie', note: 'Printed on site' }).expect(422);
    expect(withNote.body.error.details).toEqual([{ path: 'note', issue: expect.stringContaining('phone_call tasks') }]);
    const done = await complete(failed.id, { outcome: 'Letter sent by hand', by: 'sophie' }).expect(200);
    expect(done.body).toMatchObject({ kind: 'step_failed', status: 'done', outcome: 'Letter sent by hand', script: null });

    const byPosting = await complete(posting.id, { outcome: 'posted', by: 'sophie' }).expect(409);
    expect(byPosting.body.error).toMatchObject({ code: 'TASK.COMPLETED_BY_POSTING', message: expect.stringContaining(`/v1/invoices/${invoiceId}/registered-letters`) });
  });

  it('pages through the tasks with a cursor, oldest first', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const { body } = await request(stack.http)
        .get('/v1/tasks')
        .query({ limit: 2, ...(cursor && { cursor }) })
        .expect(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((t: Task) => t.id));
      if (body.nextCursor === null) break;
      cursor = body.nextCursor;
    }
    const all = (await request(stack.http).get('/v1/tasks').query({ limit: 200 }).expect(200)).body.items.map((t: Task) => t.id);
    expect(all.length).toBeGreaterThan(2);
    expect(seen).toEqual(all);
  });

  it('refuses bad filters, ids and cursors (422), unknown tasks (404), and integrator keys (403)', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ status: 'closed' }, 'status'],
      [{ kind: 'email' }, 'kind'],
      [{ invoiceId: 'nope' }, 'invoiceId'],
      [{ limit: '0' }, 'limit'],
      [{ cursor: 'not-ours' }, 'cursor'],
      [{ sort: 'dueOn' }, 'sort'],
    ];
    for (const [query, field] of cases) {
      const response = await request(stack.http).get('/v1/tasks').query(query).expect(422);
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const unknown = await request(stack.http).get('/v1/tasks/00000000-0000-4000-8000-000000000000').expect(404);
    expect(unknown.body.error.code).toBe('TASK.NOT_FOUND');
    await complete('00000000-0000-4000-8000-000000000000', { outcome: 'reached', by: 'sophie' }).expect(404);
    const bad = await request(stack.http).get('/v1/tasks/not-a-uuid').expect(422);
    expect(bad.body.error.details).toEqual([{ path: 'id', issue: 'id must be a UUID' }]);

    const integrator = await stack.createKey('integrator');
    await request(stack.http).get('/v1/tasks').set('Authorization', `Bearer ${integrator}`).expect(403);
    const operator = await stack.createKey('operator');
    await request(stack.http).get('/v1/tasks').set('Authorization', `Bearer ${operator}`).expect(200);
  });
});

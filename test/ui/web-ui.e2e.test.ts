import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { addDays, parisDateOf } from '../../src/domain/calendar';
import { startTestStack, type TestStack } from '../support/test-stack';
import { eventually, launchChromium, openTab, screenshotsTo, waitForTextInAnyFrame, type Screenshot } from './support/browser';

// A credit controller finds dunnings in the Temporal Web UI by stage and reads one: the real
// stack (PostgreSQL, a Temporal dev server with its UI, a worker, the API) and a real Chromium.
describe('the Temporal Web UI shows the dunnings', () => {
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let screenshot: Screenshot;
  const today = parisDateOf(Date.now());
  const debtor = (name: string) => ({ name, email: `compta@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`, language: 'fr' });
  const invoice = (invoiceNumber: string, dueDate: string, debtorName: string) => ({
    invoiceNumber,
    totalCents: 120_000,
    netCents: 100_000,
    currency: 'EUR',
    issueDate: addDays(today, -40),
    dueDate,
    debtor: debtor(debtorName),
  });

  beforeAll(async () => {
    stack = await startTestStack({ temporalUi: true });
    ({ browser, page } = await launchChromium());
    screenshot = await screenshotsTo('docs/ui');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('lists dunnings by stage and shows the summary, stage and pending timer of one', async () => {
    const s = stack!;
    expect(s.temporalUiPort).toEqual(expect.any(Number));
    const ui = `http://127.0.0.1:${s.temporalUiPort}`;

    const awaiting = await request(s.http).post('/v1/invoices').send(invoice('UI-2026-0001', addDays(today, 20), 'Boulangerie Martin SARL')).expect(201);
    expect(awaiting.body.dunning).toMatchObject({ stage: 'awaiting_due_date' });
    const overdue = await request(s.http).post('/v1/invoices').send(invoice('UI-2026-0002', addDays(today, -3), 'Garage Dupont')).expect(201);
    const held = await request(s.http).post('/v1/invoices').send(invoice('UI-2026-0003', addDays(today, 10), 'Fleurs Lemaire')).expect(201);
    await request(s.http).post(`/v1/invoices/${held.body.id}/hold`).send({ by: 'Claire (credit control)', reason: 'Key account: sales talks to them first' }).expect(200);

    // The overdue dunning moves on, unless reminders must wait for the next business-day send slot.
    await eventually(async () => {
      const response = await request(s.http).get(`/v1/invoices/${overdue.body.id}`).expect(200);
      const next = response.body.dunning?.nextAction as { step: string; at: string } | null | undefined;
      if (['first_reminder_sent', 'phone_call'].includes(response.body.stage)) return;
      // Outside the send hours: it waits, with the first reminder as the next step.
      expect(next?.step).toBe('first_reminder');
      expect(Date.parse(next!.at)).toBeGreaterThan(Date.now());
    });
    await eventually(async () => {
      const response = await request(s.http).get(`/v1/invoices/${held.body.id}`).expect(200);
      expect(response.body.stage).toBe('on_hold');
    });

    const awaitingId = 'invoice:default:UI-2026-0001';
    const heldId = 'invoice:default:UI-2026-0003';
    expect(awaiting.body.workflowId).toBe(awaitingId);
    expect(held.body.workflowId).toBe(heldId);
    // The UI lists through visibility, which trails the upsert a little: make sure it has caught up.
    await eventually(async () => {
      const ids: string[] = [];
      for await (const w of s.temporal.client.workflow.list({ query: `RelanceStage = "on_hold"` })) ids.push(w.workflowId);
      expect(ids).toEqual([heldId]);
    });

    // The list, filtered by stage.
    await page.goto(`${ui}/namespaces/default/workflows?query=${encodeURIComponent('RelanceStage="on_hold"')}`);
    await page.getByText(heldId, { exact: true }).filter({ visible: true }).first().waitFor();
    expect(await page.getByText(awaitingId, { exact: true }).count()).toBe(0);
    await screenshot(page, 'workflow-list.png');

    // One run: its static summary, its stage and the timer it waits on.
    await page.goto(`${ui}/namespaces/default/workflows/${encodeURIComponent(awaitingId)}`);
    await page.getByRole('heading', { name: awaitingId }).or(page.getByText(awaitingId, { exact: true })).first().waitFor();

    // Event history: the courtesy-reminder timer started and has not fired.
    await openTab(page, 'Event History');
    const timerStarted = page.getByRole('row').filter({ hasText: 'Timer Started' }).filter({ visible: true });
    await timerStarted.first().waitFor();
    await expect(timerStarted.first().innerText()).resolves.toContain('Courtesy reminder on');
    expect(await page.getByRole('row').filter({ hasText: 'Timer Fired' }).count()).toBe(0);

    // Search attributes: the stage.
    await openTab(page, 'Search Attributes');
    await page.getByText('"RelanceStage": "awaiting_due_date"', { exact: false }).filter({ visible: true }).first().waitFor();

    // User metadata: the static summary and the current details (rendered from Markdown in frames).
    await openTab(page, 'User Metadata');
    await waitForTextInAnyFrame(page, 'Invoice UI-2026-0001 · Boulangerie Martin SARL');
    await waitForTextInAnyFrame(page, 'Awaiting due date. Next: courtesy reminder on');
    await screenshot(page, 'workflow-run.png');
  }, 180_000);
});

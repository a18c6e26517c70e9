import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { addDays, parisDateOf } from '../../src/domain/calendar';
import { startTestStack, type TestStack } from '../support/test-stack';
import { eventually, launchChromium, openTab, screenshotsTo, waitForTextInAnyFrame, type Screenshot } from './support/browser';
import { ReadmeShell } from './support/readme-shell';

const WORKFLOW_ID = 'invoice:default:F-2026-0042';

/** The JSON documents a README block printed, one a line (the blocks echo a newline between answers). */
function answers(output: string): any[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

// The README's walkthrough, as a newcomer follows it on `npm start`: its shell blocks run as written
// against the real stack (PostgreSQL, a Temporal dev server with its Web UI, a worker, the API on a
// port, the mail catcher with its viewer), with npm start's send timing, and a real Chromium looks
// where the README says to look. The screenshots are the README's (UPDATE_SCREENSHOTS=1).
describe('the README walkthrough', () => {
  let stack: TestStack | undefined;
  let shell: ReadmeShell | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let screenshot: Screenshot;
  let ui: string;

  beforeAll(async () => {
    stack = await startTestStack({ temporalUi: true, env: { DUNNING_SEND_HOUR: '0', DUNNING_SEND_DAYS: 'every_day' } });
    await stack.api.listen(0, '127.0.0.1');
    const api = `http://127.0.0.1:${(stack.server.address() as AddressInfo).port}`;
    ui = `http://127.0.0.1:${stack.temporalUiPort}`;
    shell = await ReadmeShell.open({
      apiKey: stack.backofficeKey,
      replace: { 'http://127.0.0.1:3000': api },
      env: { TEMPORAL_ADDRESS: stack.temporal.connection.options.address, TEMPORAL_NAMESPACE: 'default' },
    });
    ({ browser, page } = await launchChromium());
    screenshot = await screenshotsTo('docs/walkthrough');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await shell?.close();
    await stack?.stop();
  }, 60_000);

  /** Opens the run's page on `tab`, again until it shows `text` (the UI reads the run once per load). */
  async function showRun(tab: string, text: string): Promise<void> {
    await eventually(async () => {
      await page.goto(`${ui}/namespaces/default/workflows/${encodeURIComponent(WORKFLOW_ID)}`);
      await openTab(page, tab);
      await waitForTextInAnyFrame(page, text, 5_000);
    });
  }

  async function searchAttributesShow(text: string): Promise<void> {
    await openTab(page, 'Search Attributes');
    await page.getByText(text).filter({ visible: true }).first().waitFor();
  }

  it('takes a newcomer from a new customer to the paid invoice', async () => {
    const s = stack!;
    const sh = shell!;

    // 1–2. The creditor profile, the customer, and an invoice due 5 days ago.
    await sh.run('walkthrough-setup');
    const [creditor, customer] = answers(await sh.run('walkthrough-customer'));
    expect(creditor).toMatchObject({ id: 'default', legalName: 'Atelier Dubois SAS' });
    expect(customer).toMatchObject({ externalId: 'CUST-0042', legalName: 'Boulangerie Martin SARL' });
    const [invoice] = answers(await sh.run('walkthrough-invoice'));
    expect(invoice).toMatchObject({ invoiceNumber: 'F-2026-0042', customerId: 'CUST-0042', workflowId: WORKFLOW_ID, totalCents: 120_000 });
    const id = await sh.variable('ID');
    expect(id).toBe(invoice.id);

    // 3. The first reminder, in the mail viewer.
    await s.mail.waitFor((mail) => mail.subject.startsWith('Relance : facture F-2026-0042 échue le'), 30_000);
    await page.goto(s.mail.viewerUrl);
    await page.getByRole('link', { name: /Relance : facture F-2026-0042/ }).first().click();
    const text = page.locator('pre.text');
    await expect(text.innerText()).resolves.toMatch(/F-2026-0042[\s\S]*1\s200,00\s€/u);
    await waitForTextInAnyFrame(page, 'FR76 3000 6000 0112 3456 7890 189');
    await screenshot(page, '1-mail-viewer.png');

    // The phone call follows the first reminder at once; the list reads visibility, which trails a little.
    await eventually(async () => {
      const { body } = await request(s.http).get(`/v1/invoices/${id}`).expect(200);
      expect(body.dunning).toMatchObject({ stage: 'phone_call', nextAction: { step: 'written_reminder' } });
    });
    await eventually(async () => {
      const found: string[] = [];
      for await (const run of s.temporal.client.workflow.list({ query: 'RelanceInvoiceNumber = "F-2026-0042"' })) found.push(run.workflowId);
      expect(found).toEqual([WORKFLOW_ID]);
    });

    // 4. The run in the Web UI: searched by invoice number in the raw query box, then opened.
    await page.goto(`${ui}/namespaces/default/workflows`);
    await page.getByTestId('toggle-manual-query').click();
    await page.getByPlaceholder('Enter a query').fill('RelanceInvoiceNumber = "F-2026-0042"');
    await page.getByPlaceholder('Enter a query').press('Enter');
    await page.waitForURL(/query=RelanceInvoiceNumber/);
    const runLink = page.getByRole('link', { name: WORKFLOW_ID, exact: true });
    await runLink.waitFor();
    await screenshot(page, '2-web-ui-search.png');
    await runLink.click();
    await openTab(page, 'User Metadata');
    await waitForTextInAnyFrame(page, 'Invoice F-2026-0042 · Boulangerie Martin SARL');
    await waitForTextInAnyFrame(page, 'Phone call. Next: written reminder on');
    await screenshot(page, '3-run.png');
    await searchAttributesShow('"RelanceStage": "phone_call"');
    await openTab(page, 'Event History');
    await expect(page.getByRole('row').filter({ hasText: 'Timer Started' }).filter({ visible: true }).last().innerText()).resolves.toContain('Written reminder on');

    // 5. The call list.
    const [calls] = answers(await sh.run('walkthrough-call-list'));
    expect(calls.items).toEqual([
      expect.objectContaining({ kind: 'phone_call', status: 'open', invoiceNumber: 'F-2026-0042', title: 'Call Boulangerie Martin SARL about invoice F-2026-0042' }),
    ]);

    // 6. The promise, recorded by completing the call.
    const [task, promised] = answers(await sh.run('walkthrough-promise'));
    expect(task).toMatchObject({ id: calls.items[0].id, status: 'done', outcome: 'promise_to_pay', closedBy: 'claire@atelier-dubois.fr' });
    expect(promised.dunning).toMatchObject({ stage: 'promised', paused: true });
    await showRun('User Metadata', 'Waiting for the promised payment (payment promised for');
    await screenshot(page, '4-promised.png');
    await searchAttributesShow('"RelanceStage": "promised"');

    // 7. The payment ends the dunning; the run stays open a week to answer late events, then completes.
    const [paid, timeline] = answers(await sh.run('walkthrough-payment'));
    expect(paid).toEqual({ invoiceId: id, result: 'applied', stage: 'paid', amountDueCents: 0, paused: false, nextAction: null });
    expect(timeline.items.map((item: { kind: string }) => item.kind)).toEqual(['started', 'step_skipped', 'step_done', 'step_done', 'phone_call_outcome', 'promise_made', 'payment', 'promise_kept']);
    await showRun('User Metadata', 'Paid since');
    await expect(page.getByText('Running', { exact: true }).filter({ visible: true }).first().isVisible()).resolves.toBe(true);
    await screenshot(page, '5-paid.png');
    await searchAttributesShow('"RelanceStage": "paid"');
    await openTab(page, 'Event History');
    await page.getByRole('row').filter({ hasText: 'answer late or repeated events, then complete' }).filter({ visible: true }).first().waitFor();
    expect((await s.temporal.client.workflow.getHandle(WORKFLOW_ID).describe()).status.name).toBe('RUNNING');
  }, 240_000);

  it('runs the README\'s Temporal CLI commands: steering a dunning, and the daily views', async () => {
    const s = stack!;
    const today = parisDateOf(Date.now());
    const invoice = (invoiceNumber: string, dueDate: string) => ({
      invoiceNumber,
      totalCents: 120_000,
      netCents: 100_000,
      currency: 'EUR',
      issueDate: addDays(today, -40),
      dueDate,
      debtor: { customerId: 'CUST-0042', name: 'Boulangerie Martin SARL', email: 'compta@boulangerie-martin.fr', language: 'fr' },
    });
    await request(s.http).post('/v1/invoices').send(invoice('CLI-2026-0001', addDays(today, 10))).expect(201);
    await request(s.http).post('/v1/invoices').send(invoice('CLI-2026-0002', today)).expect(201);

    // "Steering a run", on the first: each update prints the stage it left the dunning at.
    const steered = await shell!.run('temporal-cli', { 'invoice:default:F-2026-0042': 'invoice:default:CLI-2026-0001' });
    expect(steered).toContain('"stage":"awaiting_due_date"'); // the query, first
    const stages = [...steered.matchAll(/Result +map\[.* stage:([a-z_]+)\]/g)].map((match) => match[1]);
    expect(stages).toEqual(['on_hold', 'awaiting_due_date', 'disputed', 'awaiting_due_date', 'promised', 'paid']);
    expect(steered).toMatch(/Running +invoice:default:CLI-2026-0001/);

    // The daily views parse, and list the invoice due today (neither promised nor acting before
    // tomorrow 00:00, only "due today" can list it) but not the one paid above.
    await eventually(async () => {
      const views = await shell!.run('daily-views');
      expect(views).toContain('invoice:default:CLI-2026-0002');
      expect(views).not.toContain('CLI-2026-0001');
    });
  }, 120_000);
});

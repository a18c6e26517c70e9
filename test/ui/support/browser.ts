/**
 * What the browser tests share: Debian's Chromium driven by playwright-core, where screenshots go,
 * and waits that poll with a deadline (the workflow and the Web UI catch up asynchronously).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findProjectRoot } from '../../../src/config/config';

const CHROMIUM = '/usr/bin/chromium';
/** Small enough for the README, wide enough for the Web UI's run page. */
const VIEWPORT = { width: 1280, height: 800 };

export interface OpenBrowser {
  browser: Browser;
  page: Page;
}

export async function launchChromium(): Promise<OpenBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install the Debian package (apt-get install -y chromium); .ci/run does it.`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: VIEWPORT });
  page.setDefaultTimeout(30_000);
  return { browser, page };
}

/** Saves a screenshot of the page under `name` (a .png file name). */
export type Screenshot = (page: Page, name: string) => Promise<void>;

/**
 * Where a test's screenshots go: the git-ignored test-results/ui, or with UPDATE_SCREENSHOTS=1 the
 * README's copies in `docsFolder` (relative to the project root).
 */
export async function screenshotsTo(docsFolder: string): Promise<Screenshot> {
  const folder = path.join(findProjectRoot(), process.env.UPDATE_SCREENSHOTS ? docsFolder : 'test-results/ui');
  await mkdir(folder, { recursive: true });
  return async (page, name) => {
    await page.screenshot({ path: path.join(folder, name) });
  };
}

export { eventually } from '../../support/eventually';

/** Opens a tab of the workflow run page (the Web UI renders them as links or tabs, by version). */
export async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).or(page.getByRole('link', { name })).first().click();
}

/** The UI renders Markdown (summary, details) inside frames: waits until some frame's text contains `text`. */
export async function waitForTextInAnyFrame(page: Page, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const shown = await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
      if (shown.includes(text)) return;
    }
    if (Date.now() > deadline) throw new Error(`The page never showed "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Browser tests of the web app against a real server, driving Debian's Chromium (playwright-core).
// `npm run test:e2e` builds nothing: run `npm run build:web` first. The server under test:
// - E2E_BASE_URL=http://127.0.0.1:3000: one already running (the restart check is then skipped);
// - otherwise the composition root's startServer (the product as `npm start` runs it) on a scratch SQLite folder.
// Screenshots go to test-output/.
// Prints one line per check and closes with "N passed, N failed".
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, newContext, PHONE, signIn } from './browser.ts';
import { loadConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/start-server.ts';

// The page-side callbacks below run in the browser; the root tsconfig has no DOM library.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };

const OUT = resolve(import.meta.dirname, '../../test-output');
const FIRST_LOAD_BUDGET = 700 * 1024;
const LIVE_BUDGET_MS = 1000;

let passed = 0;
let failed = 0;

async function check(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
    passed++;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(error instanceof Error ? error.message : error).split('\n').join('\n  ')}`);
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`) });
}

/** No server message, stack trace or unfilled placeholder reaches the page. */
async function assertNoRawText(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  for (const raw of ['Error:', 'undefined', '[object Object]', 'stack', 'NaN', '{owner}', '{who}']) assert(!text.includes(raw), `the page shows raw text "${raw}"`);
}

/** "2026-12-23 14:30" → comparable number. */
function localStamp(text: string): number {
  const m = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(text);
  assert(m, `no date in "${text}"`);
  return Number(m.slice(1).join(''));
}

interface Target {
  readonly url: string;
  /** Stops and starts the server on the same address and data (null: not ours to restart). */
  readonly restart: null | { stop(): Promise<void>; start(): Promise<void> };
  close(): Promise<void>;
}

async function target(): Promise<Target> {
  const given = process.env.E2E_BASE_URL;
  if (given) return { url: given.replace(/\/$/, ''), restart: null, close: async () => undefined };
  const dataDir = mkdtempSync(join(tmpdir(), 'anchang-e2e-data-'));
  const boot = (port: number) => startServer(loadConfig({ data: dataDir, port: String(port), demo: true }, {}));
  let server: { url: string; close(): Promise<void> } | null = await boot(0);
  const port = Number(new URL(server.url).port);
  return {
    url: server.url,
    restart: {
      stop: async () => {
        await server?.close();
        server = null;
      },
      start: async () => {
        server = await boot(port);
      },
    },
    close: async () => {
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await target();
  const browser: Browser = await launchBrowser();
  const base = server.url;
  const state = { receiver: null as string | null, customer: null as string | null };

  try {
    const desk = await (await newContext(browser, base, DESKTOP)).newPage();
    const board = await (await newContext(browser, base, DESKTOP)).newPage();
    const pageErrors: string[] = [];
    for (const p of [desk, board]) p.on('pageerror', (e) => pageErrors.push(e.message));

    await check('front desk: first load ships < 700 kB gzipped JS (routes split)', async () => {
      const ctx = await newContext(browser, base, DESKTOP);
      const signed = await ctx.request.post('/api/session', { data: { login: 'zhou', password: 'anchang-demo' } });
      assert(signed.ok(), `sign-in answered ${signed.status()}`);
      const page = await ctx.newPage();
      const scripts: Promise<number>[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith('.js')) scripts.push(r.body().then((b) => gzipSync(b).length));
      });
      await page.goto('/p/demo/desk');
      await page.getByTestId('lookup-phone').waitFor();
      const sizes = await Promise.all(scripts);
      const total = sizes.reduce((a, b) => a + b, 0);
      console.log(`  front desk first load: ${sizes.length} scripts, ${(total / 1024).toFixed(1)} kB gzip`);
      assert(total < FIRST_LOAD_BUDGET, `${total} bytes gzipped`);
      const loaded = await page.evaluate('performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /manager|consultant|counts-chart/.test(n))');
      assert(Array.isArray(loaded) && loaded.length === 0, `other workspaces were downloaded: ${String(loaded)}`);
      await ctx.close();
    });

    await check('front desk: signs in and lands on 前台接待 with the phone field focused', async () => {
      await signIn(desk, 'zhou', /\/p\/demo\/desk$/);
      await desk.getByTestId('lookup-phone').waitFor();
      const focused = await desk.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")');
      assert(focused === 'lookup-phone', `focus is on ${String(focused)}`);
    });

    await check('floor board: opens full screen in a second browser context and goes live', async () => {
      await signIn(board, 'sun', /\/p\/demo\/manager/);
      await board.goto('/p/demo/board');
      await board.locator('[data-testid="board-status"][data-status="live"]').waitFor({ timeout: 5000 });
      await board.getByTestId('board-up-name').waitFor();
    });

    await check('a bad phone and an empty name show field messages', async () => {
      await desk.getByTestId('lookup-phone').fill('12345');
      await desk.keyboard.press('Enter');
      await desk.getByTestId('lookup-error').getByText('手机号格式不正确').waitFor({ timeout: 2000 });
      await desk.getByTestId('reg-phone').fill('12345');
      await desk.getByTestId('reg-submit').click();
      const form = desk.getByTestId('registration');
      await form.getByText('请输入客户姓名').waitFor({ timeout: 2000 });
      await form.getByText('手机号格式不正确').waitFor({ timeout: 2000 });
      await form.getByText('请选择性别').waitFor({ timeout: 2000 });
      await shot(desk, 'desk-field-messages-1366x768');
      await desk.keyboard.press('Escape');
    });

    const walkIn = `139 ${String(Date.now()).slice(-4)} ${String(Date.now()).slice(-8, -4)}`;
    await check('front desk: Enter judges a new walk-in, with the suggested receiver and rule ids', async () => {
      await desk.getByTestId('reg-phone').fill('');
      await desk.getByTestId('lookup-phone').fill(walkIn);
      await desk.keyboard.press('Enter');
      await desk.locator('[data-testid="judge-status"][data-status="new"]').waitFor({ timeout: 3000 });
      await desk.getByTestId('suggested-receiver').waitFor();
      const why = await desk.getByTestId('receiver-reasons').innerText();
      assert(/ROT-\d+/.test(why), `no rule id in "${why}"`);
      await shot(desk, 'desk-judge-1366x768');
      await assertNoRawText(desk);
    });

    await check(`F2 admits the party and the board in the other context changes within ${LIVE_BUDGET_MS} ms`, async () => {
      const before = await board.getByTestId('board-up-name').innerText();
      const arrived = desk.waitForResponse((r) => r.url().endsWith('/commands/arrive'));
      await desk.keyboard.press('F2');
      const response = await arrived;
      const started = Date.now();
      assert(response.ok(), `arrive answered ${response.status()}`);
      state.receiver = ((await response.json()) as { answer: { receiver: string | null } }).answer.receiver;
      await board.waitForFunction((prev) => document.querySelector('[data-testid="board-up-name"]')?.textContent !== prev, before, { timeout: LIVE_BUDGET_MS });
      console.log(`  board updated ${Date.now() - started} ms after the arrival was recorded; receiver ${state.receiver}`);
      await desk.getByTestId('admitted').waitFor();
      assert(state.receiver, 'nobody received the party');
      await board.locator(`[data-testid="board-busy"] [data-testid="seat-${state.receiver}"]`).waitFor({ timeout: 2000 });
    });

    await check('front desk: registers the admitted walk-in (REG-2) with the receiver prefilled', async () => {
      assert((await desk.getByTestId('reg-phone').inputValue()) === walkIn, 'the phone is not prefilled');
      await desk.getByTestId('reg-name').fill('测试先生');
      await desk.getByTestId('reg-gender').getByText('先生').click();
      await desk.getByTestId('reg-needs').fill('三房 预算300万');
      const registered = desk.waitForResponse((r) => r.url().endsWith('/commands/register'));
      await desk.getByTestId('reg-submit').click();
      const response = await registered;
      if (!response.ok()) {
        await desk.getByTestId('reg-error').waitFor({ timeout: 2000 });
        await shot(desk, 'desk-register-refused-1366x768');
        await assertNoRawText(desk);
        throw new Error(`register answered ${response.status()} ${await response.text()}`);
      }
      await desk.getByText('登记成功').waitFor({ timeout: 2000 });
      state.customer = walkIn.replace(/\s/g, '');
    });

    await check('floor board screenshot (1366×768)', async () => {
      await shot(board, 'board-1366x768');
      await assertNoRawText(board);
    });

    await check('consultant (390×844): logs a follow-up that reached the customer and sees protection extend', async () => {
      const who = state.receiver ?? 'wang';
      const phone = await (await newContext(browser, base, PHONE)).newPage();
      phone.on('pageerror', (e) => pageErrors.push(e.message));
      await signIn(phone, who, /\/p\/demo\/me$/);
      const first = phone.getByTestId('my-customers').locator('.my-customer').first();
      await first.waitFor({ timeout: 5000 });
      await shot(phone, 'consultant-390x844');
      const before = localStamp(await first.getByTestId('customer-until').innerText());
      const customerId = await first.getAttribute('data-testid');
      await first.getByTestId('follow-up').click();
      await phone.getByTestId('fu-submit').waitFor();
      await phone.waitForTimeout(400); // the sheet slides up
      await shot(phone, 'consultant-follow-up-390x844');
      await phone.getByTestId('fu-submit').click();
      await phone.getByText('已记录跟进').waitFor({ timeout: 3000 });
      const row = phone.getByTestId(customerId ?? '');
      await phone.waitForFunction(
        ([id, prev]) => {
          const text = document.querySelector(`[data-testid="${id}"] [data-testid="customer-until"]`)?.textContent ?? '';
          const m = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(text);
          return m !== null && Number(m.slice(1).join('')) > Number(prev);
        },
        [customerId, String(before)] as const,
        { timeout: 3000 },
      );
      console.log(`  protection ${before} → ${localStamp(await row.getByTestId('customer-until').innerText())}`);
      await assertNoRawText(phone);
      await phone.context().close();
    });

    await check('manager: reassigns a customer and sees it in the timeline with its explanation (OWN-5)', async () => {
      const mgr = await (await newContext(browser, base, DESKTOP)).newPage();
      mgr.on('pageerror', (e) => pageErrors.push(e.message));
      await signIn(mgr, 'liu', /\/p\/demo\/manager/);
      await mgr.getByTestId('register-table').locator('tbody tr').first().waitFor({ timeout: 5000 });
      await shot(mgr, 'manager-register-1366x768');
      const customer = state.customer ?? '13800138001';
      await mgr.goto(`/p/demo/manager/customer/${customer}`);
      const owner = mgr.getByTestId('timeline-owner');
      await owner.waitFor({ timeout: 5000 });
      const ownerBefore = await owner.innerText();
      await mgr.getByTestId('reassign').click();
      await mgr.getByTestId('reassign-to').click();
      const option = mgr.locator('.ant-select-item-option').filter({ hasNotText: ownerBefore }).first();
      const newOwner = (await option.innerText()).trim();
      await option.click();
      await mgr.getByTestId('reassign-reason').fill('服务质量：客户要求更换顾问');
      await mgr.getByTestId('reassign-submit').click();
      await mgr.waitForFunction((name) => document.querySelector('[data-testid="timeline-owner"]')?.textContent === name, newOwner, { timeout: 3000 });
      await mgr.locator('.ant-modal').waitFor({ state: 'hidden' });
      const records = await mgr.getByTestId('timeline-records').innerText();
      assert(records.includes('重新分配') && records.includes('OWN-5'), `the timeline does not show the reassignment: ${records.slice(0, 300)}`);
      await shot(mgr, 'manager-timeline-1366x768');
      await assertNoRawText(mgr);
      await mgr.context().close();
    });

    await check('English switch: the desk speaks English and back', async () => {
      await desk.getByTestId('language-switch').click();
      await desk.getByText('Quick registration').waitFor({ timeout: 2000 });
      await shot(desk, 'desk-english-1366x768');
      await desk.getByTestId('language-switch').click();
      await desk.getByText('快速登记').waitFor({ timeout: 2000 });
    });

    if (server.restart) {
      const restart = server.restart;
      await check('floor board survives a server restart (reconnects by itself, no reload)', async () => {
        await restart.stop();
        await board.locator('[data-testid="board-status"][data-status="reconnecting"]').waitFor({ timeout: 10_000 });
        await shot(board, 'board-reconnecting-1366x768');
        await restart.start();
        await board.locator('[data-testid="board-status"][data-status="live"]').waitFor({ timeout: 20_000 });
        await board.getByTestId('board-up-name').waitFor({ timeout: 5000 });
      });
    }

    await check('no page threw', async () => {
      assert(pageErrors.length === 0, pageErrors.join('\n'));
    });
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();

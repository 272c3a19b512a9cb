// tv-pairing (issue 16): the floor TV that stays on, out of turn from the screens (ROT-13), and the what-if's
// count against its rows — on its own server (a scratch SQLite folder with the demo office) whose clock the
// journey moves: the TV pairs itself on /pair, the manager enters its code in 经理工作台 › 显示屏, and the board
// keeps updating across a 13-hour jump (every staff session ends) and a server restart, until the manager
// unpairs it and the TV says 已解除配对 within a second. Called by e2e.ts (E2E_ONLY=tv).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { loadConfig } from '../../src/server/config.ts';
import { startServer, type RunningServer } from '../../src/server/start-server.ts';
import { DEMO_PASSWORD, DESKTOP, newContext, signIn } from './browser.ts';

type Check = (name: string, run: () => Promise<void>) => Promise<void>;
type Shot = (page: Page, name: string) => Promise<void>;

const HOUR = 60 * 60_000;
const REVOKE_BUDGET_MS = 1000;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

interface Seat {
  readonly who: string;
  readonly state: string;
}

/** A manager's API client signed in now (the server's now): for changes the TV should show. */
async function managerApi(request: APIRequestContext): Promise<{ command(action: string, body: unknown): Promise<void>; seats(): Promise<readonly Seat[]> }> {
  const signed = await request.post('/api/session', { data: { login: 'liu', password: DEMO_PASSWORD } });
  assert(signed.ok(), `sign-in answered ${signed.status()}`);
  const csrf = ((await signed.json()) as { csrfToken: string }).csrfToken;
  return {
    async command(action, body) {
      const res = await request.post(`/api/projects/demo/commands/${action}`, { data: body, headers: { 'x-csrf-token': csrf } });
      assert(res.ok(), `${action} answered ${res.status()} ${await res.text()}`);
    },
    async seats() {
      return ((await (await request.get('/api/projects/demo/floor')).json()) as { seats: readonly Seat[] }).seats;
    },
  };
}

/** Makes a change the board must show, whatever the floor is now: a seat goes away, or (an empty new day) wang signs in. */
async function changeTheFloor(api: Awaited<ReturnType<typeof managerApi>>, tv: Page): Promise<string> {
  const seats = await api.seats();
  const away = seats.find((s) => s.state === 'business');
  if (away) {
    await api.command('back', { who: away.who });
    await tv.locator(`[data-testid="board-away"] [data-testid="seat-${away.who}"]`).waitFor({ state: 'detached', timeout: 2000 });
    return `${away.who} came back`;
  }
  const available = seats.find((s) => s.state === 'available');
  if (available) {
    await api.command('away', { who: available.who, reason: 'business' });
    await tv.locator(`[data-testid="board-away"] [data-testid="seat-${available.who}"]`).waitFor({ timeout: 2000 });
    return `${available.who} went away`;
  }
  await api.command('signIn', { who: 'wang' });
  await tv.getByTestId('board-up-name').getByText('王磊').waitFor({ timeout: 2000 });
  return 'wang signed in';
}

/** Rows of a what-if list across all its pages. */
async function rowsOf(page: Page, testId: string): Promise<number> {
  const table = page.getByTestId(testId);
  let rows = 0;
  for (let guard = 0; guard < 100; guard++) {
    rows += await table.locator('tbody tr.ant-table-row').count();
    const next = table.locator('li.ant-pagination-next');
    if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') return rows;
    await next.click();
    await page.waitForTimeout(100);
  }
  throw new Error(`${testId}: more than 100 pages`);
}

export async function tvJourney(browser: Browser, check: Check, shot: Shot): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchang-e2e-tv-'));
  const offset = { ms: 0 };
  const clock = () => Date.now() + offset.ms;
  const boot = (port: number) => startServer(loadConfig({ data: dataDir, port: String(port), demo: true }, { ANCHANG_LOG_FILE: join(dataDir, 'server.log') }), { clock });
  let server: RunningServer | null = await boot(0);
  const port = Number(new URL(server.url).port);
  const base = server.url;
  const errors: string[] = [];
  try {
    const tv = await (await newContext(browser, base, DESKTOP)).newPage();
    tv.on('pageerror', (e) => errors.push(e.message));
    let code = '';

    await check('tv: /pair shows a 6-digit code and tells in zh-CN where the manager enters it', async () => {
      await tv.goto('/pair');
      code = (await tv.getByTestId('pair-code').innerText()).trim();
      assert(/^\d{6}$/.test(code), `the code is "${code}"`);
      const text = await tv.locator('body').innerText();
      assert(text.includes('经理工作台') && text.includes('显示屏'), `the pairing page does not say where to enter the code: ${text.slice(0, 200)}`);
      await shot(tv, 'tv-pair-code-1366x768');
    });

    const mgr = await (await newContext(browser, base, DESKTOP)).newPage();
    mgr.on('pageerror', (e) => errors.push(e.message));
    await check('tv: the manager enters the code as 大厅电视 in 经理工作台 › 显示屏; the TV opens the live board by itself', async () => {
      await signIn(mgr, 'liu', /\/p\/demo\/manager/);
      await mgr.getByRole('tab', { name: '显示屏' }).click();
      await mgr.getByTestId('displays-tab').waitFor();
      await mgr.getByTestId('display-code').fill(code);
      await mgr.getByTestId('display-name').fill('大厅电视');
      await mgr.getByTestId('display-pair').click();
      await mgr.getByTestId('display-row-大厅电视').waitFor({ timeout: 5000 });
      const row = await mgr.getByTestId('display-row-大厅电视').innerText();
      assert(row.includes('刘经理') && row.includes('使用中'), `the list row does not say who paired it: ${row}`);
      await tv.waitForURL(/\/tv$/, { timeout: 5000 });
      await tv.locator('[data-testid="board-status"][data-status="live"]').waitFor({ timeout: 5000 });
      const title = await tv.locator('.board-title').innerText();
      assert(title.includes('大厅电视') && title.includes('星河湾'), `the board's title is "${title}"`);
      await shot(mgr, 'manager-displays-1366x768');
      await shot(tv, 'tv-board-1366x768');
    });

    await check('tv: the board shows names and states only — no phone, no customer', async () => {
      await tv.getByTestId('board-counts').waitFor();
      const text = await tv.locator('body').innerText();
      assert(!/1\d{10}|1\d{2}\*{4}\d{4}|先生|女士/.test(text), `the TV shows customer data: ${text.slice(0, 300)}`);
    });

    await check('tv: keeps updating across a 13-hour clock jump, which ends every staff session but not the display', async () => {
      offset.ms += 13 * HOUR;
      const stale = await mgr.request.get('/api/session');
      assert(stale.status() === 401, `the manager's 13-hour-old session answered ${stale.status()}`);
      const api = await managerApi((await newContext(browser, base, DESKTOP)).request);
      console.log(`  after the jump: ${await changeTheFloor(api, tv)}`);
      assert((await tv.getByTestId('board-status').getAttribute('data-status')) === 'live', 'the board is not live after the jump');
    });

    await check('tv: survives a server restart (reconnects by itself) and keeps updating', async () => {
      await server?.close();
      server = null;
      await tv.locator('[data-testid="board-status"][data-status="reconnecting"]').waitFor({ timeout: 10_000 });
      server = await boot(port);
      await tv.locator('[data-testid="board-status"][data-status="live"]').waitFor({ timeout: 20_000 });
      const api = await managerApi((await newContext(browser, base, DESKTOP)).request);
      console.log(`  after the restart: ${await changeTheFloor(api, tv)}`);
    });

    await check(`tv: the manager unpairs it and within ${REVOKE_BUDGET_MS} ms the TV shows 已解除配对 and how to pair again`, async () => {
      const m = await (await newContext(browser, base, DESKTOP)).newPage();
      m.on('pageerror', (e) => errors.push(e.message));
      await signIn(m, 'liu', /\/p\/demo\/manager/);
      await m.goto('/p/demo/manager/displays');
      await m.getByTestId('display-row-大厅电视').getByTestId('display-revoke').click();
      const revoked = m.waitForResponse((r) => r.url().includes('/displays/') && r.url().endsWith('/revoke'));
      await m.locator('.ant-popconfirm .ant-btn-primary').click();
      const response = await revoked;
      const started = Date.now();
      assert(response.ok(), `revoke answered ${response.status()}`);
      await tv.getByTestId('tv-revoked').waitFor({ timeout: REVOKE_BUDGET_MS });
      console.log(`  the TV showed 已解除配对 ${Date.now() - started} ms after the revocation was recorded`);
      const text = await tv.getByTestId('tv-revoked').innerText();
      assert(text.includes('已解除配对') && text.includes('重新配对') && text.includes('经理工作台'), `the unpaired page does not say how to pair again: ${text}`);
      const next = await tv.request.get('/api/projects/demo/floor');
      assert(next.status() === 401 && ((await next.json()) as { code: string }).code === 'display_revoked', `the next read answered ${next.status()}`);
      await m.getByTestId('display-row-大厅电视').getByText('已解除').waitFor({ timeout: 5000 });
      await shot(tv, 'tv-unpaired-1366x768');
      await m.context().close();
    });

    await check('tv: 重新配对 shows a fresh code', async () => {
      await tv.getByTestId('tv-pair-again').click();
      await tv.getByTestId('pair-code').waitFor({ timeout: 5000 });
      const fresh = (await tv.getByTestId('pair-code').innerText()).trim();
      assert(/^\d{6}$/.test(fresh) && fresh !== code, `the new code is "${fresh}" (was ${code})`);
    });

    const m2 = await (await newContext(browser, base, DESKTOP)).newPage();
    m2.on('pageerror', (e) => errors.push(e.message));
    await signIn(m2, 'liu', /\/p\/demo\/manager/);

    await check('out of turn (ROT-13): the manager records a team consultant received out of turn, beyond courtesy, from 队列调整', async () => {
      const api = await managerApi(m2.context().request);
      await api.command('addStaff', { staff: { id: 'qian', role: 'consultant', team: '一组', name: '钱多多' } });
      await m2.goto('/p/demo/manager/queue');
      const card = m2.getByTestId('out-of-turn');
      await card.waitFor({ timeout: 5000 });
      await card.getByTestId('oot-who').click();
      await m2.locator('.ant-select-item-option').filter({ hasText: '钱多多（一组）' }).click();
      await card.getByTestId('oot-submit').click();
      await card.getByText('越序接待须确认超出礼貌性接待').waitFor({ timeout: 2000 });
      await card.getByTestId('oot-beyond-courtesy').click();
      const answered = m2.waitForResponse((r) => r.url().endsWith('/commands/outOfTurn'));
      await card.getByTestId('oot-submit').click();
      const response = await answered;
      assert(response.ok(), `outOfTurn answered ${response.status()} ${await response.text()}`);
      const body = (await response.json()) as { answer: { reasons: { rule: string }[] } };
      assert(body.answer.reasons.some((r) => r.rule === 'ROT-13'), `no ROT-13 in ${JSON.stringify(body.answer)}`);
      await m2.getByText('一组团队失去次日轮次').waitFor({ timeout: 2000 });
      await shot(m2, 'manager-out-of-turn-1366x768');
    });

    await check("what-if (策略模拟): every count shown equals the rows it lists", async () => {
      await m2.goto('/p/demo/manager/policy');
      const days = m2.locator('input[data-testid="knob-ownership.protectionDays"], [data-testid="knob-ownership.protectionDays"] input').first();
      await days.waitFor({ timeout: 5000 });
      await days.fill('1');
      const answered = m2.waitForResponse((r) => r.url().endsWith('/policy/what-if'));
      await m2.getByTestId('policy-what-if').click();
      const response = await answered;
      assert(response.ok(), `the what-if answered ${response.status()}`);
      await m2.getByTestId('what-if-result').waitFor({ timeout: 5000 });
      const summary = await m2.getByTestId('what-if-summary').innerText();
      const [, owners, credits, decisions, refused] = /(\d+) 位客户归属改变，(\d+) 套房源业绩改变，(\d+) 个判定结果改变，(\d+) 项操作无法执行/.exec(summary) ?? [];
      assert(owners !== undefined, `the summary reads "${summary}"`);
      const said: Record<string, string | undefined> = { 'what-if-customers': owners, 'what-if-credits': credits, 'what-if-decisions': decisions, 'what-if-refused': refused };
      const seen: string[] = [];
      for (const [testId, count] of Object.entries(said)) {
        const present = (await m2.getByTestId(testId).count()) > 0;
        if (!present) {
          assert(count === '0', `the summary says ${count} for ${testId}, and no list is shown`);
          continue;
        }
        const title = await m2.getByTestId(`${testId}-title`).innerText();
        const inTitle = /（(\d+)）/.exec(title)?.[1];
        assert(inTitle === count, `${testId}: the title says ${inTitle}, the summary ${count}`);
        const rows = await rowsOf(m2, testId);
        assert(String(rows) === count, `${testId}: the count shown is ${count}, the rows listed ${rows}`);
        seen.push(`${testId.replace('what-if-', '')} ${rows}`);
      }
      assert(seen.length > 0, 'the what-if listed nothing to compare');
      console.log(`  what-if counts equal their rows: ${seen.join(', ')}`);
    });

    await check('tv journey: no page threw', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });
  } finally {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

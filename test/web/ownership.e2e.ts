// The ownership rules in Chromium (issue 12 item 3, RISK-2), on the demo office: the manager (1366×768) gives a
// leadership-introduced customer to the consultant whose turn it is (OWN-9) and sees the turn move on; the
// customer walks in while that consultant has no page open, and when they open the phone (390×844) later the
// alert is there, unread, until they mark it read (RISK-2); the manager freezes the register (OWN-13).
import type { Browser, Page } from 'playwright-core';
import { DEMO_STAFF } from '../../src/server/demo-office.ts';
import { DESKTOP, newContext, PHONE, signIn } from './browser.ts';

type Check = (name: string, run: () => Promise<void>) => Promise<void>;
type Shot = (page: Page, name: string) => Promise<void>;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function csrfOf(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
}

export async function ownershipJourney(browser: Browser, base: string, check: Check, shot: Shot): Promise<void> {
  const errors: string[] = [];
  const mgr = await (await newContext(browser, base, DESKTOP)).newPage();
  mgr.on('pageerror', (e) => errors.push(e.message));
  const stamp = String(Date.now()).slice(-8);
  const phone = `136${stamp}`;
  let given: (typeof DEMO_STAFF)[number] | undefined;
  try {
    await check('ownership: the manager gives a leadership-introduced customer to whoever\'s turn it is, at the commission rate (OWN-9)', async () => {
      await signIn(mgr, 'liu', /\/p\/demo\/manager/);
      await mgr.goto(`${base}/p/demo/manager/pool`);
      const next = mgr.getByTestId('introduced-next');
      await next.waitFor({ timeout: 5000 });
      const before = await next.innerText();
      given = DEMO_STAFF.find((s) => s.name !== undefined && before.includes(s.name));
      assert(given && given.role === 'consultant', `the turn names no consultant: "${before}"`);
      await mgr.getByTestId('introduced-card').getByText('佣金比例：50%').waitFor({ timeout: 2000 });
      await mgr.getByTestId('introduced-phone').fill(phone);
      await mgr.getByTestId('introduced-name').fill('韩总');
      await mgr.getByTestId('introduced-source').fill('集团董事长介绍');
      await mgr.getByTestId('introduced-submit').click();
      await mgr.getByText(`已分配给 ${given.name}`).waitFor({ timeout: 5000 });
      await mgr.waitForFunction((old) => document.querySelector('[data-testid="introduced-next"]')?.textContent !== old, before, { timeout: 5000 });
      await shot(mgr, 'manager-introduced-1366x768');
    });

    await check('ownership: the customer walks in while the owner has no page open; opening the phone later shows it unread until marked read (RISK-2)', async () => {
      assert(given, 'no consultant was given the customer');
      const arrived = await mgr.request.post('/api/projects/demo/commands/arrive', { data: { phone }, headers: { 'x-csrf-token': await csrfOf(mgr) } });
      assert(arrived.ok(), `arrive answered ${arrived.status()}`);
      const { seq, answer } = (await arrived.json()) as { seq: number; answer: { receiver: string | null } };
      // Free the receiver again, so the floor is as the other journeys expect it.
      if (answer.receiver) await mgr.request.post('/api/projects/demo/commands/done', { data: { who: answer.receiver }, headers: { 'x-csrf-token': await csrfOf(mgr) } });
      const me = await (await newContext(browser, base, PHONE)).newPage();
      me.on('pageerror', (e) => errors.push(e.message));
      try {
        await signIn(me, given.id, /\/p\/demo\/me$/);
        const item = me.getByTestId(`unread-alert-${seq}`);
        await item.waitFor({ timeout: 5000 });
        assert((await item.innerText()).includes(phone), 'the alert does not show the customer');
        await me.getByTestId('unread-alerts').getByText('未读到访提醒').waitFor();
        await shot(me, 'consultant-unread-alert-390x844');
        await me.getByTestId(`alert-read-${seq}`).click();
        await item.waitFor({ state: 'detached', timeout: 5000 });
        await me.reload();
        await me.getByTestId('my-customers').waitFor({ timeout: 5000 });
        await me.waitForTimeout(500);
        assert((await me.getByTestId(`unread-alert-${seq}`).count()) === 0, 'the alert came back after reloading');
      } finally {
        await me.context().close();
      }
    });

    await check('ownership: the manager freezes the valid customer register before the opening (OWN-13)', async () => {
      await mgr.goto(`${base}/p/demo/manager/register`);
      await mgr.getByTestId('freeze-card').waitFor({ timeout: 5000 });
      await mgr.getByTestId('freeze-note').fill('开盘前确认');
      await mgr.getByTestId('freeze-submit').click();
      await mgr.getByTestId('freeze-confirm').click();
      await mgr.getByTestId('freeze-last').getByText('最近一次冻结').waitFor({ timeout: 5000 });
      await shot(mgr, 'manager-freeze-1366x768');
    });
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await mgr.context().close();
  }
}

// The floor as an office uses it all day (issue 16, issue 12.6), in Chromium on the demo office: a follow-up's
// B级卡 notes appear in the customer timeline; for every role, every visible action button (data-action) is
// one the API's role table grants that role (walking its screens); the not-found page and a malformed phone
// in a link; the desk registers three parties in a row with the keyboard alone, and warns before admitting
// the same party twice within minutes. Called by e2e.ts under E2E_ONLY=floor.
import type { Browser, Page } from 'playwright-core';
import { ENDPOINTS, type EndpointName } from '../../src/api/access.policy.ts';
import type { AccountRole } from '../../src/accounts/roles.ts';
import { DESKTOP, newContext, PHONE, signIn } from './browser.ts';

type Check = (name: string, run: () => Promise<void>) => Promise<void>;
type Shot = (page: Page, name: string) => Promise<void>;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const WANGS_CUSTOMER = '13800138001'; // 张先生, wang's since the demo's first day

/** The screens each role works on, by login: its workspaces and, for the manager's desk, every tab. */
const MANAGER_TABS = ['register', 'summary', 'late', 'pool', 'customer', `customer/${WANGS_CUSTOMER}`, 'staff', 'violations', 'risk', 'performance', 'reports', 'units', 'import', 'registerImport', 'orders', 'disputes', 'queue', 'reads', 'policy', 'displays'];
const CHANNEL_TABS = ['arrivals', 'approvals', 'checks', 'confirmations', 'natural', 'ranking', 'admit'];
const WALKS: readonly { readonly login: string; readonly role: AccountRole; readonly landing: RegExp; readonly paths: readonly string[] }[] = [
  { login: 'wang', role: 'consultant', landing: /\/p\/demo\/me/, paths: ['/p/demo/me', '/p/demo/board'] },
  { login: 'zhou', role: 'frontdesk', landing: /\/p\/demo\/desk/, paths: ['/p/demo/desk', '/p/demo/board'] },
  { login: 'wu', role: 'channelAssistant', landing: /\/p\/demo\/channel/, paths: [...CHANNEL_TABS.map((tab) => `/p/demo/channel/${tab}`), '/p/demo/desk', '/p/demo/board'] },
  { login: 'sun', role: 'supervisor', landing: /\/p\/demo\/manager/, paths: ['/p/demo/desk', '/p/demo/board', ...MANAGER_TABS.map((tab) => `/p/demo/manager/${tab}`)] },
  { login: 'liu', role: 'manager', landing: /\/p\/demo\/manager/, paths: ['/p/demo/desk', '/p/demo/board', ...MANAGER_TABS.map((tab) => `/p/demo/manager/${tab}`)] },
];

function granted(role: AccountRole, action: string): boolean {
  const endpoint = ENDPOINTS[action as EndpointName] as (typeof ENDPOINTS)[EndpointName] | undefined;
  return endpoint?.grants[role] !== undefined;
}

/** The data-action of every visible button on the page. */
async function visibleActions(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const el of await page.locator('[data-action]').all()) if (await el.isVisible()) out.push((await el.getAttribute('data-action')) ?? '');
  return out;
}

async function activeTestId(page: Page): Promise<string | null> {
  return (await page.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")')) as string | null;
}

/** Waits until the focused element is `testId`; the error names where the focus is instead. */
async function focusReaches(page: Page, testId: string, what: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await activeTestId(page)) === testId) return;
    await page.waitForTimeout(50);
  }
  const where = await page.evaluate('document.activeElement ? document.activeElement.outerHTML.slice(0, 160) : "nothing"');
  throw new Error(`${what}: the focus is not on ${testId} but on ${String(where)}`);
}

export async function floorDayJourneys(browser: Browser, base: string, check: Check, shot: Shot): Promise<void> {
  await check('follow-up (390×844): the B级卡 notes — what was said, intent, next step — appear in the timeline', async () => {
    const ctx = await newContext(browser, base, PHONE);
    const page = await ctx.newPage();
    try {
      await signIn(page, 'wang', /\/p\/demo\/me/);
      await page.getByTestId(`customer-${WANGS_CUSTOMER}`).getByTestId('follow-up').click();
      await page.getByTestId('fu-said').fill('客户关心学区名额');
      await page.getByTestId('fu-intent').getByText('B 有意向').click();
      await page.getByTestId('fu-next').fill('周末邀约复访');
      await page.getByTestId('fu-next-on').fill('2026-01-01');
      const saved = page.waitForResponse((r) => r.url().endsWith('/commands/followUp'));
      await page.getByTestId('fu-submit').click();
      const res = await saved;
      assert(res.ok(), `followUp answered ${res.status()}`);
      // The next step's day has come: the consultant is reminded.
      await page.getByTestId('next-steps-due').getByText('周末邀约复访').waitFor({ timeout: 3000 });
      await shot(page, 'floor-day-follow-up-due-390x844');
      await page.goto(`/p/demo/manager/customer/${WANGS_CUSTOMER}`).catch(() => undefined);
    } finally {
      await ctx.close();
    }
    const mctx = await newContext(browser, base, DESKTOP);
    const mgr = await mctx.newPage();
    try {
      await signIn(mgr, 'liu', /\/p\/demo\/manager/);
      await mgr.goto(`/p/demo/manager/customer/${WANGS_CUSTOMER}`);
      await mgr.getByTestId('timeline').getByText('沟通：客户关心学区名额').waitFor({ timeout: 5000 });
      const text = await mgr.getByTestId('timeline').innerText();
      assert(text.includes('下一步：周末邀约复访（2026-01-01）') && text.includes('意向 B 有意向'), 'the timeline lacks the intent or the next step');
      await shot(mgr, 'floor-day-timeline-notes-1366x768');
    } finally {
      await mctx.close();
    }
  });

  for (const walk of WALKS) {
    await check(`${walk.role}: every visible action button on ${walk.paths.length} screens is allowed by the access table`, async () => {
      const ctx = await newContext(browser, base, DESKTOP);
      const page = await ctx.newPage();
      try {
        await signIn(page, walk.login, walk.landing);
        const seen = new Set<string>();
        for (const path of walk.paths) {
          await page.goto(path);
          await page.waitForLoadState('networkidle').catch(() => undefined);
          await page.waitForTimeout(300);
          for (const action of await visibleActions(page)) {
            seen.add(action);
            assert(granted(walk.role, action), `${walk.role} sees a "${action}" button on ${path}, which the access table does not grant`);
          }
        }
        if (walk.role === 'supervisor') {
          await page.goto(`/p/demo/manager/customer/${WANGS_CUSTOMER}`);
          await page.getByTestId('timeline').waitFor();
          assert((await page.getByRole('button', { name: '重新分配' }).count()) === 0, 'a supervisor sees 重新分配');
        }
        console.log(`  ${walk.role}: actions shown ${[...seen].sort().join(', ') || 'none'}`);
      } finally {
        await ctx.close();
      }
    });
  }

  await check('an unknown page shows a zh-CN not-found page with a way back; a malformed phone in a link names the field', async () => {
    const ctx = await newContext(browser, base, DESKTOP);
    const page = await ctx.newPage();
    try {
      await signIn(page, 'liu', /\/p\/demo\/manager/);
      await page.goto('/no/such/page');
      await page.getByTestId('not-found').getByText('页面不存在').waitFor({ timeout: 3000 });
      await shot(page, 'floor-day-not-found-1366x768');
      await page.getByTestId('not-found-back').click();
      await page.waitForURL(/\/p\/demo\/manager/, { timeout: 5000 });
      await page.goto('/p/demo/manager/customer/12x45');
      await page.getByTestId('link-phone-invalid').getByText('链接中的手机号“12x45”格式不正确').waitFor({ timeout: 3000 });
    } finally {
      await ctx.close();
    }
  });

  await check('front desk: three parties in a row with the keyboard alone; a second admission within minutes is warned', async () => {
    const ctx = await newContext(browser, base, DESKTOP);
    const page = await ctx.newPage();
    const stamp = String(Date.now()).slice(-6);
    const phones = [1, 2, 3].map((i) => `1370${i}${stamp}`.slice(0, 11));
    try {
      await signIn(page, 'zhou', /\/p\/demo\/desk/);
      await page.getByTestId('lookup-phone').waitFor();
      for (const [i, phone] of phones.entries()) {
        assert((await activeTestId(page)) === 'lookup-phone', `party ${i + 1}: the phone field is not focused`);
        await page.keyboard.type(phone);
        await page.keyboard.press('Enter');
        await page.locator('[data-testid="judge-status"][data-status="new"]').waitFor({ timeout: 3000 });
        await page.keyboard.press('F2');
        await page.getByTestId('admitted').waitFor({ timeout: 3000 });
        await focusReaches(page, 'reg-name', `party ${i + 1} admitted`);
        assert((await page.getByTestId('reg-phone').inputValue()) === phone, `party ${i + 1}: the phone is not filled in`);
        assert((await page.getByTestId('reg-by').innerText()).trim() !== '', `party ${i + 1}: the receiver is not filled in`);
        await page.keyboard.type(`键盘${i + 1}号`);
        await page.keyboard.press('Tab');
        await page.keyboard.press('Space');
        for (let n = 0; n < 8 && (await activeTestId(page)) !== 'reg-needs'; n++) await page.keyboard.press('Tab');
        assert((await activeTestId(page)) === 'reg-needs', `party ${i + 1}: Tab never reached 购房需求`);
        await page.keyboard.type('两房');
        const registered = page.waitForResponse((r) => r.url().endsWith('/commands/register'));
        await page.keyboard.press('Enter');
        const res = await registered;
        assert(res.ok(), `party ${i + 1}: register answered ${res.status()} ${await res.text()}`);
        await focusReaches(page, 'lookup-phone', `party ${i + 1} registered`);
      }
      // The first party again, minutes later: F2 warns, and admits only when pressed again.
      await page.keyboard.type(phones[0] ?? '');
      await page.keyboard.press('Enter');
      await page.getByTestId('judge-status').waitFor({ timeout: 3000 });
      const arrivals: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/commands/arrive')) arrivals.push(r.url());
      });
      await page.keyboard.press('F2');
      await page.getByTestId('admit-twice').waitFor({ timeout: 2000 });
      assert(arrivals.length === 0, 'the second admission was sent without a warning');
      await shot(page, 'floor-day-desk-twice-1366x768');
      await page.keyboard.press('Escape');
    } finally {
      await ctx.close();
    }
  });
}

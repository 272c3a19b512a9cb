// One language per screen (issue 15): every screen, signed in as the role that uses it, in zh-CN, must
// show no English catalogue text, no English the server sent (reasons' texts, knob descriptions), no raw
// reason code, fact kind or knob path, and no bare login id. Called by e2e.ts; one check per screen.
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS } from '../../src/server/demo-office.ts';
import { DESKTOP, newContext, PHONE, signIn } from './browser.ts';
import { englishCatalogueNeedles, englishInAnswer, leaks, rawCodes, type LeakCheck } from './language-leaks.ts';

type Check = (name: string, run: () => Promise<void>) => Promise<void>;

interface Screen {
  readonly name: string;
  /** Opens the screen (and whatever state shows its words: a judged customer, a tab) and waits for it. */
  readonly open: (page: Page) => Promise<void>;
}

const KNOWN_CUSTOMER = '13800138001'; // 张先生, wang's since the demo's first day
const REPORTED = '17788889999'; // reported by the broker lianjia on the demo's second day

async function judge(page: Page, phone: string): Promise<void> {
  await page.getByTestId('lookup-phone').fill(phone);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="judge-status"]').waitFor({ timeout: 5000 });
  await page.getByTestId('receiver-reasons').waitFor({ timeout: 5000 });
}

const manager = (tab: string, ready: (page: Page) => Promise<unknown>): Screen => ({
  name: `manager ${tab}`,
  open: async (page) => {
    await page.goto(`/p/demo/manager/${tab}`);
    await ready(page);
    await page.waitForTimeout(300);
  },
});

const ADMIN_TABS = ['projects', 'staff', 'brokers', 'units', 'users', 'policy', 'audit'] as const;
const adminTab = (tab: (typeof ADMIN_TABS)[number]): Screen => ({
  name: `admin ${tab}`,
  open: async (page) => {
    await page.getByTestId(`admin-tab-${tab}`).click();
    await page.waitForTimeout(500);
  },
});

const ROLES: readonly { login: string; landing: RegExp; viewport: typeof DESKTOP | typeof PHONE; screens: readonly Screen[]; loginsShown?: boolean }[] = [
  {
    login: 'zhou',
    landing: /\/p\/demo\/desk$/,
    viewport: DESKTOP,
    screens: [
      // The board's names arrive with its first answer: wait for them, or the walk sees bare login ids.
      { name: 'front desk', open: async (p) => {
        await p.getByTestId('lookup-phone').waitFor();
        await p.getByText('王磊').first().waitFor({ timeout: 5000 });
      } },
      { name: 'front desk, an owned customer judged', open: (p) => judge(p, KNOWN_CUSTOMER) },
      { name: 'front desk, a broker-reported customer judged', open: (p) => judge(p, REPORTED) },
      // hygiene (issue 12.2): the name search's candidates (REG-4)
      { name: 'front desk, judged by full name', open: async (p) => {
        await p.getByTestId('name-search-input').fill('张先生');
        await p.getByTestId('name-search-go').click();
        await p.getByTestId('name-candidates').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 5000 });
      } },
    ],
  },
  {
    login: 'sun',
    landing: /\/p\/demo\/manager/,
    viewport: DESKTOP,
    screens: [{ name: 'floor board', open: async (p) => {
      await p.goto('/p/demo/board');
      await p.locator('[data-testid="board-status"][data-status="live"]').waitFor({ timeout: 5000 });
    } }],
  },
  {
    login: 'wang',
    landing: /\/p\/demo\/me$/,
    viewport: PHONE,
    screens: [
      { name: 'consultant, my customers', open: (p) => p.getByTestId('my-customers').locator('.my-customer').first().waitFor({ timeout: 5000 }) },
      { name: 'consultant, register', open: async (p) => {
        await p.getByTestId('me-tabs').getByText('登记', { exact: true }).click();
        await p.getByTestId('registration').waitFor();
      } },
      { name: 'consultant, summary', open: async (p) => {
        await p.getByTestId('me-tabs').getByText('我的概况').click();
        await p.getByTestId('my-month-received').waitFor({ timeout: 5000 });
      } },
      { name: 'consultant, my orders', open: async (p) => {
        await p.getByTestId('me-tabs').getByText('订单', { exact: true }).click();
        await p.getByTestId('my-orders').waitFor({ timeout: 5000 });
        await p.getByTestId('my-orders-filter').getByText('全部').click();
        await p.waitForTimeout(300);
      } },
      { name: 'consultant, an order placed from a customer card', open: async (p) => {
        await p.getByTestId('me-tabs').getByText('我的客户', { exact: true }).click();
        await p.getByTestId('my-customers').locator('.my-customer').first().getByTestId('place-order').click();
        await p.getByTestId('order-submit').waitFor({ timeout: 5000 });
        await p.keyboard.press('Escape');
      } },
      { name: 'consultant, published orders', open: async (p) => {
        await p.getByTestId('me-tabs').getByText('公示', { exact: true }).click();
        await p.getByTestId('published-orders').waitFor({ timeout: 5000 });
        await p.waitForTimeout(300);
      } },
      { name: 'consultant, units (房源)', open: async (p) => {
        await p.getByTestId('me-tabs').getByText('房源', { exact: true }).click();
        await p.getByTestId('unit-cell-1-1801').click();
        await p.getByTestId('unit-history').waitFor({ timeout: 5000 });
      } },
    ],
  },
  {
    login: 'liu',
    landing: /\/p\/demo\/manager/,
    viewport: DESKTOP,
    screens: [
      manager('register', (p) => p.getByTestId('register-table').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 5000 })),
      manager('pool', (p) => p.getByTestId('pool-table').waitFor({ timeout: 5000 })),
      // hygiene (issue 12.2): late entries waiting for the manager (REG-5)
      manager('late', (p) => p.getByTestId('late-entries').waitFor({ timeout: 5000 })),
      // ownership-rules: the introduced-customer form (OWN-9) and the freeze control (OWN-13)
      { ...manager('pool', (p) => p.getByTestId('introduced-next').waitFor({ timeout: 5000 })), name: 'manager pool, introduced customers (OWN-9)' },
      { ...manager('register', (p) => p.getByTestId('freeze-last').waitFor({ timeout: 5000 })), name: 'manager register, the freeze (OWN-13)' },
      manager(`customer/${KNOWN_CUSTOMER}`, (p) => p.getByTestId('timeline-records').locator('tbody tr').first().waitFor({ timeout: 5000 })),
      manager(`customer/${REPORTED}`, (p) => p.getByTestId('timeline-records').locator('tbody tr').first().waitFor({ timeout: 5000 })),
      manager('staff', (p) => p.getByTestId('staff-chen').waitFor({ timeout: 5000 })),
      manager('performance', (p) => p.locator('[data-testid="perf-chart-list"] li').first().waitFor({ state: 'attached', timeout: 5000 })),
      manager('queue', (p) => p.getByTestId('queue-tab').waitFor({ timeout: 5000 })),
      // reports: the demo's first day (three days back), with a drill-down open over it
      manager('reports', async (p) => {
        await p.getByTestId('rep-date').fill(new Date(Date.now() - 3 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }));
        await p.getByTestId('rep-total-visits').click({ timeout: 5000 });
        await p.getByTestId('report-drill-table').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 5000 });
      }),
      manager('units', async (p) => {
        // The demo's held unit: its drawer names the import and the hold.
        await p.getByTestId('unit-cell-1-1801').click();
        await p.getByTestId('unit-hold-info').waitFor({ timeout: 5000 });
        await p.getByTestId('unit-history').waitFor({ timeout: 5000 });
      }),
      manager('import', (p) => p.getByTestId('unit-import').waitFor({ timeout: 5000 })),
      // register-import (issue 11.4, 11.5): 登记导入 and 日报摘要
      manager('registerImport', (p) => p.getByTestId('reg-import').waitFor({ timeout: 5000 })),
      manager('summary', (p) => p.getByTestId('daily-summary-when').waitFor({ timeout: 5000 })),
      manager('reads', (p) => p.getByTestId('reads-table').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 5000 })),
      manager('orders', (p) => p.getByTestId('orders-table').waitFor({ timeout: 5000 })),
      { name: 'manager order detail', open: async (p) => {
        await p.goto('/p/demo/manager/orders');
        await p.getByTestId('orders-state').getByText('全部').click();
        const row = p.locator('[data-testid^="order-row-"]').first();
        await row.waitFor({ timeout: 5000 });
        await row.click();
        await p.getByTestId('order-timeline').waitFor({ timeout: 5000 });
        await p.waitForTimeout(300);
      } },
      manager('disputes', (p) => p.getByTestId('disputes-tab').waitFor({ timeout: 5000 })),
      // office: the violation register (PEN-1)
      manager('violations', (p) => p.getByTestId('violations-tab').waitFor({ timeout: 5000 })),
      manager('risk', (p) => p.getByTestId('risk-tab').waitFor({ timeout: 5000 })),
      manager('policy', (p) => p.locator('[data-testid^="knob-row-"]').first().waitFor({ timeout: 5000 })),
      // tv-pairing (issue 16.1): the manager's displays, and the pairing code a floor TV shows on /pair
      manager('displays', (p) => p.getByTestId('displays-tab').waitFor({ timeout: 5000 })),
      { name: 'floor TV pairing (/pair)', open: async (p) => {
        await p.goto('/pair');
        await p.getByTestId('pair-code').waitFor({ timeout: 5000 });
      } },
    ],
  },
  // ---- the channel (issue 10): the broker's portal on a phone, the channel assistant's workspace ----
  {
    login: 'lianjia',
    landing: /\/p\/demo\/broker$/,
    viewport: PHONE,
    screens: [
      { name: "broker's reports", open: async (p) => {
        await p.locator('[data-testid^="report-"][data-status]').first().waitFor({ timeout: 5000 });
        await p.waitForTimeout(300);
      } },
      { name: "broker's report form", open: async (p) => {
        await p.getByTestId('broker-tabs').getByText('报备', { exact: true }).click();
        await p.getByTestId('report-form').waitFor();
      } },
      // channel-finish (issue 10): the public sign-up, its link naming no project (refused in words, nothing made); last, as it leaves the portal
      { name: 'broker sign-up, unknown project', open: async (p) => {
        await p.goto('/broker/apply?project=no-such-project');
        await p.getByTestId('apply-name').fill('张经纪');
        await p.getByTestId('apply-company').fill('安家地产');
        await p.getByTestId('apply-login').fill('walk-lost-broker');
        await p.getByTestId('apply-password').fill('walk-pass-1234');
        await p.getByTestId('apply-submit').click();
        await p.getByTestId('apply-error').waitFor({ timeout: 5000 });
      } },
    ],
  },
  {
    login: 'wu',
    landing: /\/p\/demo\/channel/,
    viewport: DESKTOP,
    screens: (['arrivals', 'approvals', 'checks', 'confirmations', 'natural', 'ranking', 'admit'] as const).map((tab): Screen => ({
      name: `channel assistant ${tab}`,
      open: async (p) => {
        await p.goto(`/p/demo/channel/${tab}`);
        await p.getByTestId('channel-tabs').waitFor({ timeout: 5000 });
        await p.waitForTimeout(500);
      },
    })),
  },
  // office: the admin workspace, tab by tab. Logins are what the admin manages there: they are shown.
  { login: 'admin', landing: /\/admin$/, viewport: DESKTOP, loginsShown: true, screens: ADMIN_TABS.map(adminTab) },
];

export async function walkEveryScreenInChinese(browser: Browser, base: string, check: Check, shot: (page: Page, name: string) => Promise<void>): Promise<void> {
  const serverEnglish = new Set<string>();
  const rules: LeakCheck = {
    catalogue: englishCatalogueNeedles(),
    codes: rawCodes(),
    serverEnglish,
    logins: DEMO_LOGINS.map((l) => l.login).filter((l) => l.length >= 3),
  };
  for (const role of ROLES) {
    const page = await (await newContext(browser, base, role.viewport)).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => {
      if (!r.url().includes('/api/') || !(r.headers()['content-type'] ?? '').includes('application/json')) return;
      r.json().then((body: unknown) => englishInAnswer(body, serverEnglish), () => undefined);
    });
    await signIn(page, role.login, role.landing);
    for (const screen of role.screens) {
      await check(`one language: ${screen.name} (${role.login}) shows zh-CN only`, async () => {
        await screen.open(page);
        const text = await page.locator('body').innerText();
        const found = leaks(text, role.loginsShown ? { ...rules, logins: [] } : rules);
        if (found.length > 0) await shot(page, `one-language-${screen.name.replace(/[^a-z0-9]+/gi, '-')}`);
        if (found.length > 0 || errors.length > 0) throw new Error([...found, ...errors].join('\n'));
      });
    }
    await page.context().close();
  }
}

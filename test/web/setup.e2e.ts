// The office set up from nothing, in Chromium, with no command line (issue 12): on an empty install (its own
// server on a scratch SQLite folder, no demo data) the login page creates the first administrator; the admin
// workspace's wizard creates an office, its manager and a consultant with their accounts, a broker with its
// account, imports the office's units, and sets working hours; then the consultant signs in and lands on
// their own workspace, and the broker's account is refused nothing it may do. Called by e2e.ts (E2E_ONLY=setup).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/start-server.ts';
import { unitSheet, writeUnitXlsx } from '../support/unit-sheet.ts';
import { DESKTOP, newContext, PHONE } from './browser.ts';

type Check = (name: string, run: () => Promise<void>) => Promise<void>;
type Shot = (page: Page, name: string) => Promise<void>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function fillAccount(page: Page, prefix: string, login: string, name: string, password: string): Promise<void> {
  await page.getByTestId(`${prefix}-login`).fill(login);
  await page.getByTestId(`${prefix}-display-name`).fill(name);
  await page.getByTestId(`${prefix}-password`).fill(password);
}

async function signInAs(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export async function setupJourney(browser: Browser, check: Check, shot: Shot): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchang-e2e-empty-'));
  const server = await startServer(loadConfig({ data: dataDir, port: '0', demo: false }, { ANCHANG_LOG_FILE: join(dataDir, 'server.log') }));
  try {
    const admin = await (await newContext(browser, server.url, DESKTOP)).newPage();
    const errors: string[] = [];
    admin.on('pageerror', (e) => errors.push(e.message));
    const sheet = unitSheet({ units: 40, seed: 11 });
    const file = await writeUnitXlsx(sheet);

    await check('setup: an empty install asks for its first administrator and lands in the admin workspace', async () => {
      await admin.goto('/login');
      await admin.getByTestId('first-admin').waitFor();
      await fillAccount(admin, 'first-admin', 'root', '系统管理员', 'root-pass-2026');
      await admin.getByTestId('first-admin-submit').click();
      await admin.waitForURL(/\/admin$/);
      await admin.getByTestId('admin-project-form').waitFor();
      await shot(admin, 'setup-first-run-1366x768');
    });

    await check('setup: the admin creates the office and the wizard moves on to its staff', async () => {
      await admin.getByTestId('admin-project-id').fill('east');
      await admin.getByTestId('admin-project-name').fill('东区案场');
      await admin.getByTestId('admin-project-create').click();
      await admin.getByTestId('admin-staff-form').waitFor();
    });

    await check('setup: the admin adds a manager and a consultant, each with an account', async () => {
      for (const s of [
        { id: 'm1', name: '孙经理', role: '经理', login: 'sunjl' },
        { id: 'c1', name: '钱顾问', role: '置业顾问', login: 'qian' },
      ]) {
        await admin.getByTestId('admin-staff-id').fill(s.id);
        await admin.getByTestId('admin-staff-name').fill(s.name);
        await admin.getByTestId('admin-staff-role').click();
        await admin.locator('.ant-select-item-option').filter({ hasText: s.role }).first().click();
        await fillAccount(admin, 'admin-staff', s.login, s.name, `${s.login}-pass-2026`);
        await admin.getByTestId('admin-staff-add').click();
        await admin.getByTestId('admin-staff-table').getByText(s.name).waitFor();
      }
      await shot(admin, 'setup-staff-1366x768');
    });

    await check('setup: the admin lists a broker and gives it an account', async () => {
      await admin.getByTestId('admin-next').click();
      await admin.getByTestId('admin-broker-form').waitFor();
      await admin.getByTestId('admin-broker-id').fill('fangdd');
      await fillAccount(admin, 'admin-broker', 'fangdd', '房多多', 'fangdd-pass-2026');
      const done = admin.waitForResponse((r) => r.url().includes('/roles') && r.request().method() === 'POST');
      await admin.getByTestId('admin-broker-add').click();
      assert((await done).status() === 200, 'the broker account was not given its role');
    });

    await check('setup: the admin imports the office’s units with the import wizard', async () => {
      await admin.getByTestId('admin-next').click();
      await admin.locator('[data-testid="unit-import"] input[type=file]').setInputFiles({ name: '房源表.xlsx', mimeType: XLSX, buffer: file });
      await admin.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): { disabled: boolean } | null } }).document.querySelector('[data-testid="import-commit"]')?.disabled);
      await admin.getByTestId('import-commit').click();
      await admin.getByTestId('import-done').waitFor();
      assert((await admin.getByTestId('import-done').innerText()).includes(`新增 ${sheet.units.length} 个房源`), 'no success message with the count');
    });

    await check('setup: the admin sets the working hours; the accounts and their audit show every change', async () => {
      await admin.getByTestId('admin-tab-policy').click();
      await admin.getByTestId('admin-hours').fill('09:00-12:00, 13:30-18:00');
      const saved = admin.waitForResponse((r) => r.url().endsWith('/commands/setPolicy'));
      await admin.getByTestId('admin-policy-save').click();
      assert((await saved).status() === 200, 'the policy was not saved');
      await admin.getByTestId('admin-tab-users').click();
      for (const login of ['qian', 'sunjl', 'fangdd']) await admin.getByTestId(`admin-user-${login}`).waitFor();
      await admin.getByTestId('admin-tab-audit').click();
      // The audit is read when the tab opens: wait for its rows, not only its frame.
      await admin.getByTestId('admin-changes').getByText('创建账号').first().waitFor({ timeout: 5000 }).catch(() => undefined);
      const audit = await admin.getByTestId('admin-changes').innerText();
      for (const words of ['创建账号', '分配岗位']) assert(audit.includes(words), `the audit does not show "${words}"`);
      await shot(admin, 'setup-audit-1366x768');
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    });

    await check('setup: the consultant signs in on their phone and lands on their own workspace', async () => {
      const phone = await (await newContext(browser, server.url, PHONE)).newPage();
      await signInAs(phone, 'qian', 'qian-pass-2026');
      await phone.waitForURL(/\/p\/east\/me$/);
      await phone.getByTestId('consultant').waitFor();
      await shot(phone, 'setup-consultant-390x844');
      await phone.context().close();
    });

    await check('setup: the manager signs in and sees the imported units on the grid', async () => {
      const page = await (await newContext(browser, server.url, DESKTOP)).newPage();
      await signInAs(page, 'sunjl', 'sunjl-pass-2026');
      await page.waitForURL(/\/p\/east\/manager/);
      await page.goto('/p/east/manager/units');
      await page.getByTestId(`unit-cell-${sheet.units[0]?.id ?? ''}`).waitFor();
      await page.context().close();
    });
    await admin.context().close();
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// The manager's 报表 in Chromium (issue 11, REP-1, REP-4), on the demo office: the manager (1366×768) opens the
// daily report of the demo's first day, drills into the visits number and sees exactly the visits behind it,
// then downloads the visit register as .xlsx — which the test opens with exceljs and compares with the page.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, newContext, signIn } from './browser.ts';

type Check = (name: string, run: () => Promise<void>) => Promise<void>;
type Shot = (page: Page, name: string) => Promise<void>;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The demo seeds visits from three days before today (src/server/demo-office.ts). */
function demoFirstDay(): string {
  return new Date(Date.now() - 3 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

export async function reportsJourney(browser: Browser, base: string, check: Check, shot: Shot): Promise<void> {
  const errors: string[] = [];
  const mgr = await (await newContext(browser, base, DESKTOP)).newPage();
  mgr.on('pageerror', (e) => errors.push(e.message));
  const day = demoFirstDay();
  let visits = 0;
  try {
    await check('reports: the manager opens the daily report and drills into the visits', async () => {
      await signIn(mgr, 'liu', /\/p\/demo\/manager/);
      await mgr.goto(`${base}/p/demo/manager/reports`);
      await mgr.getByTestId('reports-tab').waitFor();
      const answered = mgr.waitForResponse((r) => r.url().includes('/reports?') && r.url().includes(`date=${day}`));
      await mgr.getByTestId('rep-date').fill(day);
      assert((await answered).ok(), 'the report did not answer 200');
      const total = mgr.getByTestId('rep-total-visits');
      await total.waitFor();
      visits = Number(await total.innerText());
      assert(visits === 2, `the demo's first day has 2 visits, the report says ${visits}`);
      await total.click();
      const rows = mgr.getByTestId('report-drill-table').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      assert((await rows.count()) === visits, `the drill-down lists ${await rows.count()} records for ${visits}`);
      await shot(mgr, 'reports-drill');
      await mgr.keyboard.press('Escape');
    });

    await check('reports: the manager downloads the register as .xlsx and it reads back', async () => {
      const downloaded = mgr.waitForEvent('download');
      await mgr.getByTestId('rep-download').click();
      const download = await downloaded;
      const file = join(mkdtempSync(join(tmpdir(), 'anchang-report-')), download.suggestedFilename());
      await download.saveAs(file);
      assert(file.endsWith('.xlsx'), `downloaded ${file}`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const ws = book.worksheets[0];
      assert(ws, 'no worksheet');
      assert(String(ws.getCell('A1').value).includes(day), `title ${String(ws.getCell('A1').value)}`);
      assert(ws.getCell('A2').value === '日期时间' && ws.getCell('B2').value === '类型', 'Chinese headers');
      assert(ws.getCell('A3').value instanceof Date, 'the date is a date cell');
      assert(ws.rowCount === 2 + visits, `${ws.rowCount - 2} rows for ${visits} visits`);
      await shot(mgr, 'reports');
    });

    await check('reports: the office edits its own register options and report knobs in 规则设置, and the register offers the new option (REG-3, REP-3)', async () => {
      await mgr.goto('/p/demo/manager/policy');
      const sources = mgr.locator('[data-testid="knob-registerOptions.sources"] input').first();
      await sources.waitFor({ timeout: 5000 });
      await sources.fill('抖音');
      await sources.press('Enter');
      // A time that is no time is named on its knob and blocks saving.
      const clock = mgr.getByTestId('knob-reports.dailySummaryAt');
      await clock.fill('25:00');
      await mgr.getByTestId('knob-error-reports.dailySummaryAt').getByText('HH:mm', { exact: false }).waitFor({ timeout: 2000 });
      assert(await mgr.getByTestId('policy-save').isDisabled(), 'a policy with 25:00 can be saved');
      await clock.fill('21:00');
      await mgr.waitForFunction(() => (document.querySelector('[data-testid="knob-error-reports.dailySummaryAt"]')?.textContent ?? 'x') === '', undefined, { timeout: 2000 });
      await mgr.getByTestId('policy-save').click();
      await mgr.locator('.ant-popconfirm .ant-btn-primary').click();
      await mgr.getByText('已保存', { exact: false }).first().waitFor({ timeout: 5000 });
      const options = (await (await mgr.request.get('/api/projects/demo/register-options')).json()) as { sources: string[] };
      assert(options.sources.includes('抖音'), `the register's sources: ${options.sources.join(', ')}`);
    });
    assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await mgr.context().close();
  }
}

// 登记导入 in Chromium (issue 11.4), on the demo office: the manager (1366×768) uploads a small paper register
// (.csv, Chinese headers), sees the column mapping, the dry run with its one rejected row and why, downloads the
// rejects .xlsx (the test opens it), imports the rest and sees the result; the same file again imports nothing.
// Then the 日报摘要 tab shows the day's summary. E2E_ONLY=registerImport.
import { mkdtempSync, writeFileSync } from 'node:fs';
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

const dayBefore = (days: number) => new Date(Date.now() - days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

function registerFile(): string {
  const rows = [
    '来访日期,来访时间,客户姓名,联系电话,接待顾问,客户需求,认知途径',
    `${dayBefore(12)},10:00,冯先生,13700009001,王磊,三房,网络`,
    `${dayBefore(11)},14:30,卫女士,13700009002,李娜,两房,朋友介绍`,
    `${dayBefore(10)},11:00,蒋先生,1370000,王磊,三房,网络`,
  ];
  const file = join(mkdtempSync(join(tmpdir(), 'anchang-register-')), '来访登记表.csv');
  writeFileSync(file, `\ufeff${rows.join('\r\n')}`, 'utf8');
  return file;
}

export async function registerImportJourney(browser: Browser, base: string, check: Check, shot: Shot): Promise<void> {
  const errors: string[] = [];
  const mgr = await (await newContext(browser, base, DESKTOP)).newPage();
  mgr.on('pageerror', (e) => errors.push(e.message));
  const file = registerFile();
  try {
    await check('register import: the manager uploads a paper register and sees the dry run with the rejected row', async () => {
      await signIn(mgr, 'liu', /\/p\/demo\/manager/);
      await mgr.goto(`${base}/p/demo/manager/registerImport`);
      await mgr.getByTestId('reg-import').waitFor();
      await mgr.getByText('导入纸质登记').first().waitFor();
      await mgr.locator('[data-testid="reg-import"] input[type=file]').setInputFiles(file);
      await mgr.getByTestId('reg-import-check').waitFor();
      assert((await mgr.getByTestId('reg-import-entries').innerText()) === '2', `entries ${await mgr.getByTestId('reg-import-entries').innerText()}`);
      assert((await mgr.getByTestId('reg-import-reject-count').innerText()) === '1', 'one rejected row');
      await mgr.getByTestId('reg-reject-4').waitFor();
      const why = await mgr.getByTestId('reg-import-rejects').innerText();
      assert(why.includes('电话号码无效'), `the reason says ${why}`);
      await mgr.getByTestId('reg-import-map-consultant').waitFor();
      await shot(mgr, 'register-import-dry-run');
    });

    await check('register import: the rejects download as .xlsx with the row and the reason', async () => {
      const downloaded = mgr.waitForEvent('download');
      await mgr.getByTestId('reg-import-download-rejects').click();
      const download = await downloaded;
      const saved = join(mkdtempSync(join(tmpdir(), 'anchang-rejects-')), download.suggestedFilename());
      await download.saveAs(saved);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(saved);
      const ws = book.worksheets[0];
      assert(ws, 'no worksheet');
      assert(ws.getCell('A3').value === 4, `row number ${String(ws.getCell('A3').value)}`);
      assert(String(ws.getCell('B3').value).includes('电话号码无效'), `reason ${String(ws.getCell('B3').value)}`);
    });

    await check('register import: the manager imports and sees the result; the same file again imports nothing', async () => {
      await mgr.getByTestId('reg-import-commit').click();
      await mgr.getByTestId('reg-import-done').waitFor({ timeout: 30_000 });
      const done = await mgr.getByTestId('reg-import-done').innerText();
      assert(done.includes('已导入 2 条记录'), `the result says ${done}`);
      await shot(mgr, 'register-import-done');
      const owner = (await (await mgr.request.get('/api/projects/demo/customers/13700009001/ownership')).json()) as { owner: { id: string } | null };
      assert(owner.owner?.id === 'wang', `13700009001 belongs to ${JSON.stringify(owner.owner)}`);
      // The customer's timeline says the entry is a paper-era one, when it happened and who approved it.
      await mgr.goto(`${base}/p/demo/manager/customer/13700009001`);
      const records = mgr.getByTestId('timeline-records');
      await records.getByText('纸质登记补录').first().waitFor();
      const line = await records.innerText();
      assert(line.includes(`${dayBefore(12)} 10:00`) && line.includes('刘经理'), `the timeline says ${line}`);
      await mgr.goto(`${base}/p/demo/manager/registerImport`);
      await mgr.getByTestId('reg-import').waitFor();
      await mgr.locator('[data-testid="reg-import"] input[type=file]').setInputFiles(file);
      await mgr.getByTestId('reg-import-nothing').waitFor();
      assert((await mgr.getByTestId('reg-import-already').innerText()) === '2', 'both rows were imported before');
      assert(await mgr.getByTestId('reg-import-mapping-from').innerText().then((t) => t.includes('上次导入')), 'the mapping is the remembered one');
    });

    await check('daily summary: the manager opens 日报摘要 and drills into a figure', async () => {
      await mgr.goto(`${base}/p/demo/manager/summary`);
      await mgr.getByTestId('daily-summary-when').waitFor();
      await mgr.getByTestId('summary-newVisits').click();
      await mgr.getByTestId('summary-drill').waitFor();
      await shot(mgr, 'daily-summary');
      await mgr.keyboard.press('Escape');
      assert(errors.length === 0, `page errors: ${errors.join('; ')}`);
    });
  } finally {
    await mgr.context().close();
  }
}

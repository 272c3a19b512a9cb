// The money side in Chromium (issue 9, items 3–7), on the demo office: a consultant (390×844) places an
// order from a customer's card on a free unit, moves it through stages, swaps it to another free unit, adds
// a buyer's name and refunds it — the manager's context sees the unit free again on the grid API within 1 s —
// then a new order on that unit is disputed from today's published list by a colleague naming their own
// record; the manager (1366×768) reads the dossier side by side, overrides with shares and a reason, and the
// order register shows the new credit. Called by e2e.ts; one check per step, sharing one story.
import type { Browser, Locator, Page } from 'playwright-core';
import { DESKTOP, newContext, PHONE, signIn } from './browser.ts';

type Check = (name: string, run: () => Promise<void>) => Promise<void>;
type Shot = (page: Page, name: string) => Promise<void>;

const BUYER = '13912345678'; // 李女士, li's since the demo's second day
const SECOND_BUYER = '13700001111'; // 王先生, li's too
const WANGS_RECORD = '13800138001'; // 张先生, wang's own record
const FIRST_UNIT = '1-0301';
const SWAP_UNIT = '2-1502';
const FREE_BUDGET_MS = 1000;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The <input> of an Ant Design field whose test id sits on the input or on its wrapper. */
async function inputOf(page: Page, testId: string): Promise<Locator> {
  const el = page.getByTestId(testId).first();
  return (await el.evaluate((e: { tagName: string }) => e.tagName)) === 'INPUT' ? el : el.locator('input').first();
}

/** Opens an Ant Design select, searches, and picks the option whose label has `label`. */
async function pick(page: Page, testId: string, search: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(search);
  await page.locator('.ant-select-item-option', { hasText: label }).first().click();
}

/** The consultant's card of the live order on `unit`. */
function orderCard(page: Page, unit: string): Locator {
  return page.locator(`[data-testid^="my-order-"][data-unit="${unit}"][data-state="live"]`);
}

async function sheetDone(page: Page, submit: string, command: string): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().endsWith(`/commands/${command}`));
  await page.getByTestId(submit).click();
  const response = await answered;
  assert(response.ok(), `${command} answered ${response.status()} ${await response.text()}`);
  await page.getByTestId(submit).waitFor({ state: 'detached', timeout: 3000 });
}

export async function ordersJourney(browser: Browser, base: string, check: Check, shot: Shot): Promise<void> {
  const errors: string[] = [];
  const li = await (await newContext(browser, base, PHONE)).newPage();
  const wang = await (await newContext(browser, base, PHONE)).newPage();
  const mgr = await (await newContext(browser, base, DESKTOP)).newPage();
  for (const p of [li, wang, mgr]) p.on('pageerror', (e) => errors.push(e.message));
  try {
    await check('orders: a consultant places an order on a free unit from a customer card (390×844)', async () => {
      await signIn(li, 'li', /\/p\/demo\/me$/);
      // The manager's context is open and settled before the refund, so the check below times only the refund's effect.
      await signIn(mgr, 'liu', /\/p\/demo\/manager/);
      await mgr.getByTestId('register-table').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 5000 });
      const card = li.getByTestId(`customer-${BUYER}`);
      await card.waitFor({ timeout: 5000 });
      await card.getByTestId('place-order').click();
      await pick(li, 'order-unit', FIRST_UNIT, '1栋 0301 ·');
      await li.getByTestId('order-stage-pick').getByText('小定', { exact: true }).click();
      await (await inputOf(li, 'order-amount')).fill('20000');
      await li.waitForTimeout(300); // the sheet slides up
      await shot(li, 'consultant-place-order-390x844');
      await sheetDone(li, 'order-submit', 'deal');
      await li.getByTestId('order-answer').getByText(`已下单：${FIRST_UNIT}`).waitFor({ timeout: 3000 });
      await orderCard(li, FIRST_UNIT).waitFor({ timeout: 3000 });
      assert((await orderCard(li, FIRST_UNIT).getAttribute('data-stage')) === 'smallDeposit', 'the order is not at 小定');
      const text = await orderCard(li, FIRST_UNIT).innerText();
      assert(text.includes('我的业绩 100%') && text.includes('李娜 100%'), `the card does not show the credit: ${text}`);
    });

    await check('orders: the consultant advances it (next stages only), then to 认购', async () => {
      for (const [label, amount, stage] of [['大定', '30000', 'deposit'], ['认购', '250000', 'subscription']] as const) {
        await orderCard(li, FIRST_UNIT).getByTestId('order-advance').click();
        const options = await li.getByTestId('advance-stage').innerText();
        assert(!options.includes('小定'), `an earlier stage is offered: ${options}`);
        await li.getByTestId('advance-stage').getByText(label, { exact: true }).click();
        await (await inputOf(li, 'advance-amount')).fill(amount);
        await sheetDone(li, 'advance-submit', 'deal');
        await li.locator(`[data-testid^="my-order-"][data-unit="${FIRST_UNIT}"][data-stage="${stage}"]`).waitFor({ timeout: 3000 });
      }
      assert((await orderCard(li, FIRST_UNIT).innerText()).includes('¥300,000'), 'the amounts paid do not add up to ¥300,000');
      await shot(li, 'consultant-my-orders-390x844');
    });

    await check('orders: swaps it to another free unit (换房) and adds a buyer name (加名)', async () => {
      await orderCard(li, FIRST_UNIT).getByTestId('order-swap').click();
      await pick(li, 'swap-to', SWAP_UNIT, '2栋 1502 ·');
      await (await inputOf(li, 'swap-reason')).fill('客户想要更高楼层');
      await sheetDone(li, 'swap-submit', 'swap');
      await orderCard(li, SWAP_UNIT).waitFor({ timeout: 3000 });
      assert((await orderCard(li, SWAP_UNIT).getAttribute('data-stage')) === 'subscription', 'the swap lost the stage');
      await orderCard(li, SWAP_UNIT).getByTestId('order-buyer').click();
      await li.getByTestId('buyer-change').getByText('加名').click();
      await li.getByTestId('buyer-name').fill('李先生');
      await li.getByTestId('buyer-reason').fill('夫妻共同购买');
      await sheetDone(li, 'buyer-submit', 'changeBuyer');
      await li.getByTestId('order-answer').getByText('购房人已变更').waitFor({ timeout: 3000 });
    });

    await check(`orders: a refund frees the unit — the manager's context sees it free on the grid within ${FREE_BUDGET_MS} ms`, async () => {
      await orderCard(li, SWAP_UNIT).getByTestId('order-end').click();
      await li.getByTestId('end-reason').fill('客户资金不足，协商退房');
      await li.waitForTimeout(300);
      await shot(li, 'consultant-refund-390x844');
      const answered = li.waitForResponse((r) => r.url().endsWith('/commands/refund'));
      await li.getByTestId('end-submit').click();
      const response = await answered;
      const started = Date.now();
      assert(response.ok(), `refund answered ${response.status()} ${await response.text()}`);
      const seen = await mgr.evaluate(
        async ([unit, budget]) => {
          const t0 = Date.now();
          let reads = 0;
          while (Date.now() - t0 < Number(budget)) {
            reads++;
            const grid = (await (await fetch('/api/projects/demo/units/grid', { headers: { accept: 'application/json' }, cache: 'no-store' })).json()) as { cells: { id: string; status: string }[] };
            if (grid.cells.find((c) => c.id === unit)?.status === 'free') return { free: true, inPage: Date.now() - t0, reads };
            await new Promise((r) => setTimeout(r, 50));
          }
          return { free: false, inPage: Date.now() - t0, reads };
        },
        [SWAP_UNIT, String(FREE_BUDGET_MS)] as const,
      );
      const ms = Date.now() - started;
      console.log(`  ${SWAP_UNIT} free on the grid ${ms} ms after the refund was recorded (${seen.inPage} ms in the manager's page, ${seen.reads} grid read(s))`);
      assert(seen.free && ms <= FREE_BUDGET_MS, `${SWAP_UNIT} not free within ${FREE_BUDGET_MS} ms (${ms} ms)`);
      await li.getByTestId('order-answer').getByText('订单已结束').waitFor({ timeout: 3000 });
      assert((await orderCard(li, SWAP_UNIT).count()) === 0, 'the refunded order is still listed as live');
    });

    await check('orders: the freed unit takes a new order; disputing one’s own order is not accepted, in words', async () => {
      await li.getByTestId('me-tabs').getByText('我的客户', { exact: true }).click();
      await li.getByTestId(`customer-${SECOND_BUYER}`).getByTestId('place-order').click();
      await pick(li, 'order-unit', SWAP_UNIT, '2栋 1502 ·');
      await li.getByTestId('order-stage-pick').getByText('大定', { exact: true }).click();
      await (await inputOf(li, 'order-amount')).fill('50000');
      await sheetDone(li, 'order-submit', 'deal');
      await orderCard(li, SWAP_UNIT).waitFor({ timeout: 3000 });
      await li.getByTestId('me-tabs').getByText('公示', { exact: true }).click();
      const own = li.locator(`[data-testid^="published-"][data-unit="${SWAP_UNIT}"]`).last();
      await own.waitFor({ timeout: 5000 });
      await own.getByTestId('published-dispute').click();
      await sheetDone(li, 'dispute-submit', 'dispute');
      const answer = li.getByTestId('dispute-answer');
      await answer.waitFor({ timeout: 3000 });
      const text = await answer.innerText();
      assert((await answer.getAttribute('data-ok')) === 'false' && text.includes('未受理') && text.includes('李娜 是本单成交人'), `own dispute answer: ${text}`);
    });

    await check('orders: a colleague disputes it from 今日成交公示 (masked phones) naming their own record — accepted in time', async () => {
      await signIn(wang, 'wang', /\/p\/demo\/me$/);
      await wang.getByTestId('me-tabs').getByText('公示', { exact: true }).click();
      const row = wang.locator(`[data-testid^="published-"][data-unit="${SWAP_UNIT}"]`).last();
      await row.waitFor({ timeout: 5000 });
      const listed = await wang.getByTestId('published-orders').innerText();
      assert(!listed.includes(SECOND_BUYER) && listed.includes('137****1111'), `the published list shows a full phone: ${listed.slice(0, 300)}`);
      await row.getByTestId('published-dispute').click();
      await wang.getByTestId('dispute-phone').fill(WANGS_RECORD);
      await sheetDone(wang, 'dispute-submit', 'dispute');
      const answer = wang.getByTestId('dispute-answer');
      await answer.waitFor({ timeout: 3000 });
      const text = await answer.innerText();
      assert((await answer.getAttribute('data-ok')) === 'true' && text.includes('已受理') && text.includes('DEAL-4'), `dispute answer: ${text}`);
      await shot(wang, 'consultant-dispute-accepted-390x844');
    });

    await check('orders: the manager reads the dossier side by side and overrides with shares summing to 100% and a reason (1366×768)', async () => {
      await mgr.goto('/p/demo/manager/disputes');
      const card = mgr.locator(`[data-testid^="dispute-"][data-unit="${SWAP_UNIT}"]`);
      await card.waitFor({ timeout: 5000 });
      assert((await card.getByTestId('dossier-closer').getAttribute('data-complete')) === 'true', 'the closer side is not complete');
      assert((await card.getByTestId('dossier-claimant').getAttribute('data-complete')) === 'true', 'the claimant side is not complete');
      const text = await card.innerText();
      for (const words of ['成交人：李娜', '异议人：王磊', '有效来访登记', '最后有效联系', '✓ 记录完整', '双方记录均完整', '王磊 50%', '李娜 50%']) assert(text.includes(words), `the dossier lacks "${words}": ${text.slice(0, 600)}`);
      await shot(mgr, 'manager-disputes-1366x768');
      await card.getByTestId('resolve-override').click();
      await (await inputOf(mgr, 'override-share-wang')).fill('40');
      await mgr.getByTestId('override-sum').getByText('合计 90%').waitFor({ timeout: 2000 });
      assert(await mgr.getByTestId('override-submit').isDisabled(), 'an override not summing to 100% can be sent');
      await (await inputOf(mgr, 'override-share-li')).fill('60');
      await mgr.getByTestId('override-sum').getByText('合计 100%').waitFor({ timeout: 2000 });
      await mgr.getByTestId('override-reason').fill('王磊先接待并多次带看，经双方确认按四六分');
      await shot(mgr, 'manager-override-1366x768');
      await sheetDone(mgr, 'override-submit', 'resolve');
      await mgr.getByText(`${SWAP_UNIT} 已裁决`).waitFor({ timeout: 3000 });
      await card.waitFor({ state: 'detached', timeout: 3000 });
    });

    await check('orders: the order register shows the changed credit, and the detail tells the story', async () => {
      await mgr.goto('/p/demo/manager/orders');
      const row = mgr.locator(`[data-testid^="order-row-"][data-unit="${SWAP_UNIT}"]`);
      await row.waitFor({ timeout: 5000 });
      const credit = await row.getByTestId('order-credit').innerText();
      assert(credit.includes('李娜 60%') && credit.includes('王磊 40%'), `the register's credit: ${credit}`);
      assert((await row.innerText()).includes('异议已裁决'), 'the register does not show the decided dispute');
      await shot(mgr, 'manager-orders-1366x768');
      await row.click();
      const detail = mgr.getByTestId('order-detail');
      await detail.getByTestId('order-event-resolution').waitFor({ timeout: 5000 });
      const story = await detail.innerText();
      assert(story.includes('改判为') && story.includes('四六分') && story.includes('DEAL-5'), `the detail: ${story.slice(0, 600)}`);
      await detail.getByTestId('dossier').waitFor();
      await shot(mgr, 'manager-order-detail-1366x768');
      // The refunded first order: stages with amounts, the swap, the added name and the refund, in order.
      await mgr.keyboard.press('Escape');
      await mgr.getByTestId('orders-state').getByText('退房').click();
      const refunded = mgr.locator(`[data-testid^="order-row-"][data-unit="${SWAP_UNIT}"]`);
      await refunded.click();
      const events = mgr.getByTestId('order-timeline');
      await events.getByTestId('order-event-ended').waitFor({ timeout: 5000 });
      const told = await events.innerText();
      for (const words of ['小定，付款 ¥20,000', '大定，付款 ¥30,000', '认购，付款 ¥250,000', `换房：${FIRST_UNIT} → ${SWAP_UNIT}`, '原因：客户想要更高楼层', '加名', '退房']) assert(told.includes(words), `the story lacks "${words}": ${told}`);
    });

    await check('orders: the manager decides another dispute 按记录裁决 (an incomplete claimant leaves the closer the credit)', async () => {
      // li objects to wang's demo order on 3-1201 without any record of 张先生.
      const csrf = ((await (await li.request.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
      const raised = await li.request.post('/api/projects/demo/commands/dispute', { data: { unit: '3-1201' }, headers: { 'x-csrf-token': csrf, 'idempotency-key': `e2e-dispute-${Date.now()}` } });
      assert(raised.ok(), `dispute answered ${raised.status()}`);
      await mgr.goto('/p/demo/manager/disputes');
      const card = mgr.locator('[data-testid^="dispute-"][data-unit="3-1201"]');
      await card.waitFor({ timeout: 5000 });
      assert((await card.getByTestId('dossier-claimant').getAttribute('data-complete')) === 'false', 'li’s side should be incomplete');
      await card.getByTestId('resolve-by-records').click();
      await mgr.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
      await mgr.getByText('3-1201 已裁决：王磊 100%').waitFor({ timeout: 3000 });
      await mgr.getByTestId('disputes-empty').waitFor({ timeout: 3000 });
    });

    await check('orders: no page threw', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });
  } finally {
    for (const p of [li, wang, mgr]) await p.context().close();
  }
}

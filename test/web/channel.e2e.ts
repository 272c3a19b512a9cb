// The broker side in Chromium (issue 10), on the demo office. The approval path: a broker applies on a
// phone-sized page (390×844), sees "pending", the channel assistant approves in their workspace, and the
// broker can report. The escort journey: the broker reports a customer (a double tap makes one report) →
// the live countdown ticks → the broker shows the escort code → the front desk judges the phone and enters
// the six digits → the judge card recognises the channel → the receiving consultant completes the viewing
// confirmation (看房确认单) → the broker sees 已到访; after a reload the slip stays settled and the desk's list
// shows the logged exit time. Then, with the policy set to 前三后四, the broker reports a masked number from
// the phone page and sees it protected. Called by e2e.ts (E2E_ONLY=channel); one check per step, sharing
// one story.
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS } from '../../src/server/demo-office.ts';
import { DEMO_PASSWORD, DESKTOP, newContext, PHONE, signIn } from './browser.ts';

type Check = (name: string, run: () => Promise<void>) => Promise<void>;
type Shot = (page: Page, name: string) => Promise<void>;

const BROKER_LOGIN = 'e2e-broker';
const BROKER_NAME = '张经纪';
const CUSTOMER_PHONE = '13955501234';
const CUSTOMER_NAME = '钱女士';
const FAKE_PHONE = '13955507788';
/** CH-8 前三后四: what the broker types when the office's policy asks for a masked number. */
const MASKED = { head: '139', tail: '6621', shown: '139****6621', name: '吴先生' } as const;
const FIRST_LOAD_BUDGET = 700 * 1024;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

interface Story {
  digits: string | null;
  receiver: string | null;
  report: string | null;
  /** The arrival the escort code recorded (the desk's row and the consultant's slip). */
  arrival: number | null;
}

export async function channelJourney(browser: Browser, base: string, check: Check, shot: Shot): Promise<void> {
  const errors: string[] = [];
  const broker = await (await newContext(browser, base, PHONE)).newPage();
  const assistant = await (await newContext(browser, base, DESKTOP)).newPage();
  const desk = await (await newContext(browser, base, DESKTOP)).newPage();
  for (const p of [broker, assistant, desk]) p.on('pageerror', (e) => errors.push(e.message));
  const story: Story = { digits: null, receiver: null, report: null, arrival: null };
  try {
    await check('channel: a sign-up link naming no project says so in Chinese (not a bare 404)', async () => {
      await broker.goto('/broker/apply?project=no-such-project');
      await broker.getByTestId('apply-name').fill(BROKER_NAME);
      await broker.getByTestId('apply-company').fill('安家地产');
      await broker.getByTestId('apply-login').fill('e2e-lost-broker');
      await broker.getByTestId('apply-password').fill(DEMO_PASSWORD);
      const answered = broker.waitForResponse((r) => r.url().endsWith('/api/channel/apply'));
      await broker.getByTestId('apply-submit').click();
      const answer = await answered;
      assert(answer.status() === 404 && ((await answer.json()) as { code: string }).code === 'unknown_project', `apply answered ${answer.status()} ${await answer.text()}`);
      const alert = broker.getByTestId('apply-error');
      await alert.waitFor({ timeout: 5000 });
      assert((await alert.innerText()).includes('没有这个项目'), `the page reads "${await alert.innerText()}"`);
      await shot(broker, 'broker-apply-unknown-project-390x844');
    });

    await check('channel: a broker applies on a phone (390×844) and sees the application pending', async () => {
      await broker.goto('/broker/apply?project=demo');
      await broker.getByTestId('apply-name').fill(BROKER_NAME);
      await broker.getByTestId('apply-kind').getByText('中介公司').click();
      await broker.getByTestId('apply-company').fill('安家地产');
      await broker.getByTestId('apply-store').fill('人民路店');
      await broker.getByTestId('apply-login').fill(BROKER_LOGIN);
      await broker.getByTestId('apply-password').fill(DEMO_PASSWORD);
      await shot(broker, 'broker-apply-390x844');
      await broker.getByTestId('apply-submit').click();
      await broker.getByTestId('apply-done').waitFor({ timeout: 5000 });
      await signIn(broker, BROKER_LOGIN, /\/p\/demo\/broker$/);
      await broker.locator('[data-testid="broker-application"][data-status="pending"]').waitFor({ timeout: 5000 });
      await broker.getByTestId('logout').waitFor();
      await shot(broker, 'broker-pending-390x844');
    });

    await check("channel: the channel assistant lands on their workspace and approves the broker", async () => {
      await signIn(assistant, 'wu', /\/p\/demo\/channel/);
      await assistant.getByTestId('channel-tabs').getByText('待审核经纪人').click();
      const card = assistant.locator('[data-testid^="application-"]', { hasText: BROKER_NAME });
      await card.waitFor({ timeout: 5000 });
      await shot(assistant, 'channel-approvals-1366x768');
      const approved = assistant.waitForResponse((r) => r.url().endsWith('/commands/approveBroker'));
      await card.getByTestId('approve').click();
      const answer = await approved;
      assert(answer.ok(), `approveBroker answered ${answer.status()} ${await answer.text()}`);
      await card.waitFor({ state: 'detached', timeout: 5000 });
    });

    await check('channel: the approved broker reports a customer; a double tap makes one report', async () => {
      await broker.reload();
      await broker.getByTestId('broker-portal').waitFor({ timeout: 5000 });
      await broker.getByTestId('broker-tabs').getByText('报备', { exact: true }).click();
      await broker.getByTestId('report-phone').fill(CUSTOMER_PHONE);
      await broker.getByTestId('report-name').fill(CUSTOMER_NAME);
      await shot(broker, 'broker-report-390x844');
      const sent: string[] = [];
      broker.on('request', (r) => {
        if (r.url().endsWith('/commands/report')) sent.push(r.headers()['idempotency-key'] ?? '');
      });
      await broker.getByTestId('report-submit').dblclick();
      const card = broker.locator(`[data-testid^="report-"][data-phone="${CUSTOMER_PHONE}"]`);
      await card.first().waitFor({ timeout: 5000 });
      assert(new Set(sent).size === 1, `the double tap sent ${sent.length} requests with ${new Set(sent).size} keys`);
      const mine = (await (await broker.request.get('/api/projects/demo/channel/my-reports')).json()) as { reports: { customer: { phone: string } }[] };
      const reports = mine.reports.filter((r) => r.customer.phone.replace(/\D/g, '').endsWith('1234'));
      assert(reports.length === 1, `${reports.length} reports recorded`);
      assert((await card.count()) === 1, `${await card.count()} cards shown`);
      story.report = await card.first().getAttribute('data-testid');
      assert((await card.first().getAttribute('data-status')) === 'protected', `status ${String(await card.first().getAttribute('data-status'))}`);
    });

    await check('channel: the report shows a live countdown and the two protection stages', async () => {
      const card = broker.getByTestId(story.report ?? '');
      const countdown = card.getByTestId('broker-countdown');
      const before = Number(await countdown.getAttribute('data-left'));
      await broker.waitForTimeout(2100);
      const after = Number(await countdown.getAttribute('data-left'));
      assert(before > 86_400 && after < before, `countdown ${before} → ${after}`);
      assert((await countdown.innerText()).includes('剩'), `countdown reads "${await countdown.innerText()}"`);
      await card.getByTestId('protection-stages').waitFor();
    });

    await check('channel: the broker shows the escort code as a QR and six digits', async () => {
      const card = broker.getByTestId(story.report ?? '');
      await card.getByTestId('show-escort').click();
      const digits = card.getByTestId('escort-digits');
      await digits.waitFor({ timeout: 5000 });
      story.digits = await digits.getAttribute('data-digits');
      assert(story.digits !== null && /^\d{6}$/.test(story.digits), `digits "${String(story.digits)}"`);
      await card.locator('.ant-qrcode canvas, .ant-qrcode svg').first().waitFor();
      await shot(broker, 'broker-escort-code-390x844');
    });

    await check('channel: the desk judges the phone, enters the code, and the judge card recognises the channel', async () => {
      await signIn(desk, 'zhou', /\/p\/demo\/desk$/);
      await desk.getByTestId('lookup-phone').fill(CUSTOMER_PHONE);
      await desk.keyboard.press('Enter');
      await desk.getByTestId('judge-card').waitFor({ timeout: 5000 });
      const admitted = desk.waitForResponse((r) => r.url().endsWith('/channel/admit'));
      await desk.getByTestId('escort-input').fill(story.digits ?? '');
      await desk.getByTestId('escort-input').press('Enter');
      const answer = await admitted;
      const body = (await answer.json()) as { receiver?: string | null; broker: string; seq: number | null };
      assert(answer.ok(), `admit answered ${answer.status()} ${JSON.stringify(body)}`);
      story.receiver = body.receiver ?? null;
      story.arrival = body.seq;
      await desk.getByTestId('escort-admitted').waitFor({ timeout: 5000 });
      await desk.locator(`[data-testid="judge-channel"][data-broker="${body.broker}"]`).waitFor({ timeout: 5000 });
      assert((await desk.getByTestId('judge-channel').innerText()).includes(BROKER_NAME), `the card reads "${await desk.getByTestId('judge-channel').innerText()}"`);
      await shot(desk, 'desk-escort-recognised-1366x768');
    });

    await check('channel: the same code is refused a second time (single-use)', async () => {
      const csrf = ((await (await desk.request.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
      const again = await desk.request.post('/api/projects/demo/channel/admit', { data: { phone: CUSTOMER_PHONE, code: story.digits }, headers: { 'x-csrf-token': csrf } });
      assert(again.status() >= 400 && again.status() < 500, `a reused code answered ${again.status()}`);
    });

    await check('channel: the receiving consultant completes the viewing confirmation (看房确认单)', async () => {
      const login = DEMO_LOGINS.find((l) => l.actsAs === story.receiver)?.login;
      assert(login, `no demo login receives as ${String(story.receiver)}`);
      const phone = await (await newContext(browser, base, PHONE)).newPage();
      phone.on('pageerror', (e) => errors.push(e.message));
      await signIn(phone, login, /\/p\/demo\/me$/);
      const slip = phone.locator('[data-testid^="slip-"]').filter({ hasText: BROKER_NAME }).first();
      await slip.waitFor({ timeout: 5000 });
      await shot(phone, 'consultant-viewing-slip-390x844');
      await slip.getByTestId('slip-customer-confirms').check();
      const confirmed = phone.waitForResponse((r) => r.url().endsWith('/commands/confirmViewing'));
      await slip.getByTestId('slip-confirm').click();
      const answer = await confirmed;
      assert(answer.ok(), `confirmViewing answered ${answer.status()} ${await answer.text()}`);
      await phone.getByText('看房确认单已完成').waitFor({ timeout: 3000 });
      // After a reload the settled slip does not come back: the list is read from the log.
      const reread = phone.waitForResponse((r) => r.url().includes('/channel/my-confirmations'));
      await phone.reload();
      const owed = await reread;
      assert(owed.ok(), `my-confirmations answered ${owed.status()}`);
      const still = ((await owed.json()) as { confirmations: { arrival: number }[] }).confirmations.map((c) => c.arrival);
      assert(!still.includes(story.arrival ?? -1), `arrival ${String(story.arrival)} is still owed: ${still.join(',')}`);
      await phone.getByTestId('consultant').waitFor({ timeout: 5000 });
      await phone.waitForTimeout(300);
      const slips = await phone.getByTestId(`slip-${String(story.arrival)}`).count();
      assert(slips === 0, `the settled slip shows again after a reload (${slips})`);
      await phone.context().close();
    });

    await check('channel: the broker sees 已到访', async () => {
      const card = broker.getByTestId(story.report ?? '');
      await broker.locator(`[data-testid="${story.report ?? ''}"][data-status="visited"]`).waitFor({ timeout: 8000 });
      assert((await card.getByTestId('report-status').innerText()).includes('已到访'), 'the status does not read 已到访');
      await shot(broker, 'broker-visited-390x844');
    });

    await check('channel: the desk logs the exit time of the broker-brought party', async () => {
      const row = desk.getByTestId('escorted-parties').locator('[data-testid^="escorted-"]').first();
      await desk.getByTestId('escorted-parties').waitFor({ timeout: 5000 });
      const left = desk.waitForResponse((r) => r.url().endsWith('/commands/leave'));
      await row.getByTestId('log-exit').click();
      const answer = await left;
      assert(answer.ok(), `leave answered ${answer.status()} ${await answer.text()}`);
      await desk.getByText('已登记离场时间').waitFor({ timeout: 3000 });
      // After a reload the row shows when they left (read from the log), and how the confirmation ended.
      await desk.reload();
      const settled = desk.locator(`[data-testid="escorted-${String(story.arrival)}"][data-left="yes"]`);
      await settled.waitFor({ timeout: 5000 });
      const text = await settled.innerText();
      assert(/\d{2}:\d{2} 离场/.test(text), `the row reads "${text}"`);
      assert((await settled.getByTestId('log-exit').count()) === 0, 'the exit can be logged again after a reload');
      assert(text.includes('确认单已完成'), `the row does not show the completed confirmation: "${text}"`);
      await shot(desk, 'desk-escorted-left-1366x768');
    });

    await check('channel: a second party comes on the scanned QR; the manager marks them a fake customer (against the broker)', async () => {
      // A second party, brought the same way through the API: report, code, admission.
      const csrfOf = async (p: Page) => ((await (await p.request.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
      const reported = await broker.request.post('/api/projects/demo/commands/report', { data: { phone: FAKE_PHONE, name: '孙先生' }, headers: { 'x-csrf-token': await csrfOf(broker) } });
      assert(reported.ok(), `report answered ${reported.status()} ${await reported.text()}`);
      const mine = (await (await broker.request.get('/api/projects/demo/channel/my-reports')).json()) as { reports: { seq: number; customer: { phone: string } }[] };
      const seq = mine.reports.find((r) => r.customer.phone.replace(/\D/g, '').endsWith(FAKE_PHONE.slice(-4)))?.seq;
      assert(seq !== undefined, 'the second report is not listed');
      // The desk scans the QR this time: a USB scanner types the token and presses Enter.
      const code = (await (await broker.request.get(`/api/projects/demo/channel/reports/${seq}/escort`)).json()) as { token: string };
      await desk.keyboard.press('Escape');
      await desk.getByTestId('lookup-phone').fill(FAKE_PHONE);
      await desk.keyboard.press('Enter');
      await desk.getByTestId('escort-input').waitFor({ timeout: 5000 });
      const admitting = desk.waitForResponse((r) => r.url().endsWith('/channel/admit'));
      await desk.getByTestId('escort-input').click();
      await desk.keyboard.type(code.token, { delay: 2 });
      await desk.keyboard.press('Enter');
      const admitted = await admitting;
      assert(admitted.ok(), `admit by the scanned token answered ${admitted.status()} ${await admitted.text()}`);
      await desk.getByTestId('escort-admitted').waitFor({ timeout: 5000 });
      const mgr = await (await newContext(browser, base, DESKTOP)).newPage();
      mgr.on('pageerror', (e) => errors.push(e.message));
      await signIn(mgr, 'liu', /\/p\/demo\/manager/);
      await mgr.goto(`/p/demo/manager/customer/${FAKE_PHONE}`);
      await mgr.getByTestId('timeline-records').locator('tbody tr').first().waitFor({ timeout: 10_000 });
      const mark = mgr.locator('[data-testid^="mark-fake-"]').first();
      await mark.waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
        await shot(mgr, 'manager-mark-fake-missing-1366x768');
        throw error;
      });
      await mark.click();
      await mgr.getByTestId('fake-form-reason').fill('只领礼品，无购房意向');
      const marked = mgr.waitForResponse((r) => r.url().endsWith('/commands/markFake'));
      await mgr.getByTestId('fake-form-submit').click();
      const answer = await marked;
      assert(answer.ok(), `markFake answered ${answer.status()} ${await answer.text()}`);
      await mgr.getByText('已标记假客').waitFor({ timeout: 3000 });
      await shot(mgr, 'manager-mark-fake-1366x768');
      await mgr.context().close();
    });

    await check('channel: the assistant workspace shows the ranking table and chart', async () => {
      await assistant.goto('/p/demo/channel/ranking');
      await assistant.getByTestId('ranking-table').waitFor({ timeout: 5000 });
      await assistant.locator('[data-testid="rank-chart-list"] li').first().waitFor({ state: 'attached', timeout: 5000 });
      const row = assistant.getByTestId('ranking-table').locator('tr', { hasText: BROKER_NAME });
      await row.waitFor({ timeout: 5000 });
      await shot(assistant, 'channel-ranking-1366x768');
    });

    await check('channel: with the policy set to 前三后四, the broker files a masked report from the phone and sees it protected', async () => {
      const mgr = await (await newContext(browser, base, DESKTOP)).newPage();
      const setReportNumber = async (reportNumber: 'full' | 'first3last4') => {
        const csrf = ((await (await mgr.request.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
        const { policy } = (await (await mgr.request.get('/api/projects/demo/policy')).json()) as { policy: { channel: Record<string, unknown> } };
        const set = await mgr.request.post('/api/projects/demo/commands/setPolicy', { data: { policy: { ...policy, channel: { ...policy.channel, reportNumber } } }, headers: { 'x-csrf-token': csrf } });
        assert(set.ok(), `setPolicy answered ${set.status()} ${await set.text()}`);
      };
      try {
        await signIn(mgr, 'liu', /\/p\/demo\/manager/);
        await setReportNumber('first3last4');
        await broker.reload();
        await broker.getByTestId('broker-portal').waitFor({ timeout: 5000 });
        await broker.getByTestId('broker-tabs').getByText('报备', { exact: true }).click();
        await broker.getByTestId('report-head').fill(MASKED.head);
        await broker.getByTestId('report-tail').fill(MASKED.tail);
        assert((await broker.getByTestId('report-phone').count()) === 0, 'the form still asks for the full number');
        await broker.getByTestId('report-name').fill(MASKED.name);
        await shot(broker, 'broker-report-masked-390x844');
        const sent = broker.waitForRequest((r) => r.url().endsWith('/commands/report'));
        await broker.getByTestId('report-submit').click();
        const body = (await sent).postDataJSON() as { phone: string };
        assert(body.phone === MASKED.shown, `the form sent "${body.phone}"`);
        const card = broker.locator(`[data-testid^="report-"][data-phone="${MASKED.shown}"]`);
        await card.first().waitFor({ timeout: 5000 });
        assert((await card.first().getAttribute('data-status')) === 'protected', `status ${String(await card.first().getAttribute('data-status'))}`);
        await card.first().getByTestId('broker-countdown').waitFor();
        await shot(broker, 'broker-masked-protected-390x844');
      } finally {
        await setReportNumber('full').catch(() => undefined);
        await mgr.context().close();
      }
    });

    await check("channel: a distributor's report form names the office's lead time (CH-5)", async () => {
      // The demo's lianjia is a distribution agency (分销): the policy's lead time binds them.
      const page = await (await newContext(browser, base, PHONE)).newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await signIn(page, 'lianjia', /\/p\/demo\/broker$/);
        const mine = (await (await page.request.get('/api/projects/demo/channel/my-application')).json()) as { leadMinutes: number };
        assert(mine.leadMinutes > 0, `lianjia's lead time is ${mine.leadMinutes}`);
        await page.getByTestId('broker-tabs').getByText('报备', { exact: true }).click();
        const hint = page.getByTestId('report-form').getByText(`须在到访前至少 ${mine.leadMinutes} 分钟报备`);
        await hint.waitFor({ timeout: 5000 });
      } finally {
        await page.context().close();
      }
    });

    await check('channel: the broker portal first load ships < 700 kB gzipped JS, no other workspace', async () => {
      const ctx = await newContext(browser, base, PHONE);
      const signed = await ctx.request.post('/api/session', { data: { login: BROKER_LOGIN, password: DEMO_PASSWORD } });
      assert(signed.ok(), `sign-in answered ${signed.status()}`);
      const page = await ctx.newPage();
      const scripts: Promise<number>[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith('.js')) scripts.push(r.body().then((b) => gzipSync(b).length));
      });
      await page.goto('/p/demo/broker');
      await page.getByTestId('broker-portal').waitFor({ timeout: 5000 });
      const total = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      console.log(`  broker portal first load: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} kB gzip`);
      assert(total < FIRST_LOAD_BUDGET, `${total} bytes gzipped`);
      const loaded = await page.evaluate('performance.getEntriesByType("resource").map((e) => e.name).filter((n) => /manager|consultant|channel-desk|front-desk|chart/.test(n))');
      assert(Array.isArray(loaded) && loaded.length === 0, `other workspaces were downloaded: ${String(loaded)}`);
      await ctx.close();
    });

    await check('channel: no page threw', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });
  } finally {
    for (const p of [broker, assistant, desk]) await p.context().close();
  }
}

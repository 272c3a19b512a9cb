// Debian's Chromium driven by playwright-core, with the flags this machine needs (ENVIRONMENT.md):
// headless, no sandbox, no GPU, no QUIC, no background traffic. Never `npx playwright install`.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** A fresh context (its own cookies: its own session) in the office's language and zone. */
export async function newContext(browser: Browser, baseURL: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(viewport.width < 500 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(10_000);
  return context;
}

export const DEMO_PASSWORD = 'anchang-demo';

/** Signs in through the login page and waits for the workspace the role lands on. */
export async function signIn(page: Page, login: string, landing: RegExp): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(landing);
}

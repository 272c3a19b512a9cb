// Error answers: one exhaustive refusal → status map, messages in English and zh-CN, a 500 that logs the
// error and leaks nothing, JSON 404s; plus health, ping and the OpenAPI document.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/api/access.policy.ts';
import { API_STATUS, langOf, MESSAGES, refusalStatus, type ApiCode } from '../../src/api/error-map.ts';
import type { RefusalCode } from '../../src/app/commands.ts';
import type { Offices } from '../../src/store/offices.ts';
import { failingEngine, p, STACK_TRACE, startHarness, type Harness } from './api-harness.ts';

const REFUSALS: readonly RefusalCode[] = [
  'unknown_staff',
  'unknown_broker',
  'unknown_unit',
  'departed',
  'wrong_role',
  'invalid_phone',
  'invalid_input',
  'not_signed_in',
  'not_away',
  'not_receiving',
  'unit_sold',
  'stage_backwards',
  'time_backwards',
  'already_exists',
];

describe('error map', () => {
  it('gives every refusal a 409 or 422 and every code both languages', () => {
    expect(REFUSALS.map((c) => [c, refusalStatus(c)])).toEqual([
      ['unknown_staff', 422],
      ['unknown_broker', 422],
      ['unknown_unit', 422],
      ['departed', 422],
      ['wrong_role', 422],
      ['invalid_phone', 422],
      ['invalid_input', 422],
      ['not_signed_in', 409],
      ['not_away', 409],
      ['not_receiving', 409],
      ['unit_sold', 409],
      ['stage_backwards', 409],
      ['time_backwards', 409],
      ['already_exists', 409],
    ]);
    expect(() => refusalStatus('brand_new' as RefusalCode)).toThrow(/unhandled/);
    for (const code of [...REFUSALS, ...(Object.keys(API_STATUS) as ApiCode[])]) {
      expect(MESSAGES[code].en, code).toMatch(/\S/);
      expect(MESSAGES[code]['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('reads Accept-Language', () => {
    expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(langOf('zh')).toBe('zh-CN');
    expect(langOf('en-US,zh-CN;q=0.5')).toBe('en');
    expect(langOf('fr;q=0.2,zh-TW;q=0.8')).toBe('zh-CN');
    expect(langOf(undefined)).toBe('en');
    expect(langOf('*')).toBe('en');
    expect(langOf('zh;q=abc')).toBe('en');
  });
});

describe('error answers', () => {
  let h: Harness;
  const logged: string[] = [];
  // A store failing the way infrastructure fails: its message names a file and line.
  const failing = (offices: Offices): Offices => failingEngine(offices, failNext, 'connection lost at /srv/anchang/src/store/sql/pg-store.ts:42:7');
  const failNext = { on: false };

  beforeAll(async () => {
    h = await startHarness('sqlite', {
      wrapOffices: failing,
      logger: {
        level: 'error',
        stream: new Writable({
          write(chunk, _enc, done) {
            logged.push(String(chunk));
            done();
          },
        }),
      },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a failure inside is 500 {code: internal}, logged, with no stack or path in the answer', async () => {
    const m = await h.agent('manager');
    failNext.on = true;
    try {
      for (const lang of ['en', 'zh-CN']) {
        const res = await m.call('GET', p('/floor'), { headers: { 'accept-language': lang } });
        expect(res.statusCode).toBe(500);
        expect(res.json()).toEqual({ code: 'internal', message: lang === 'en' ? 'internal error' : '系统内部错误' });
        expect(res.body).not.toMatch(STACK_TRACE);
        expect(res.body).not.toContain('pg-store');
      }
    } finally {
      failNext.on = false;
    }
    expect(logged.join('')).toContain('connection lost');
  });

  it('validation issues name the field and speak the caller’s language', async () => {
    const a = await h.agent('consultant');
    const en = (await a.call('POST', p('/commands/away'), { body: { reason: 'lunch' } })).json();
    expect(en).toMatchObject({ code: 'validation', message: 'the request is not valid', issues: [{ in: 'body', path: 'reason', code: 'invalid_value' }] });
    const zh = (await a.call('POST', p('/commands/away'), { body: { reason: 'lunch' }, headers: { 'accept-language': 'zh-CN' } })).json();
    expect(zh).toMatchObject({ code: 'validation', message: '请求参数无效', issues: [{ path: 'reason', message: expect.stringMatching(/[\u4e00-\u9fff]/) }] });
  });

  it('domain refusals keep the English specifics in detail', async () => {
    const m = await h.agent('manager');
    const res = await m.call('POST', p('/commands/suspend'), { body: { who: 'NOBODY', days: 2 }, headers: { 'accept-language': 'zh-CN' } });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ code: 'unknown_staff', message: '未知的置业顾问或员工', detail: 'unknown staff "NOBODY"' });
  });

  it('unknown routes are JSON 404s', async () => {
    const res = await h.anonymous('GET', '/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'not_found', message: 'not found' });
  });

  it('health and ping answer without a session', async () => {
    expect((await h.anonymous('GET', '/api/health')).json()).toEqual({ status: 'ok', time: h.clock.now });
    expect((await h.anonymous('GET', '/api/ping')).json()).toEqual({ pong: true });
  });

  it('publishes an OpenAPI 3 document with every endpoint and its schemas', async () => {
    const doc = (await h.anonymous('GET', '/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const e of Object.values(ENDPOINTS)) {
      const path = `/api/projects/{project}${e.path.replace(/:(\w+)/g, '{$1}')}`;
      expect(doc.paths[path]?.[e.method.toLowerCase()], `${e.method} ${path}`).toBeDefined();
    }
    for (const path of ['/api/session', '/api/projects', '/api/health', '/api/ping']) expect(doc.paths[path], path).toBeDefined();
    const arrive = doc.paths['/api/projects/{project}/commands/arrive'].post;
    expect(arrive.requestBody.content['application/json'].schema.properties.phone).toMatchObject({ type: 'string', maxLength: 40 });
    expect(arrive.parameters.map((x: { name: string; in: string }) => `${x.in}:${x.name}`)).toEqual(expect.arrayContaining(['path:project', 'header:idempotency-key']));
    const judge = doc.paths['/api/projects/{project}/judge'].get;
    expect(judge.parameters.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['phone', 'surname', 'plate']));
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'anchang_session' });
  });
});

describe('the web app beside the API', () => {
  it('answers the app’s own paths with index.html, and API paths with JSON 404s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anchang-spa-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>案场</title>');
    const h = await startHarness('sqlite', { web: dir });
    try {
      const page = await h.anonymous('GET', '/desk/judge?phone=1');
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('案场');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect((await h.anonymous('GET', '/api/nope')).json()).toMatchObject({ code: 'not_found' });
      expect((await h.anonymous('POST', '/desk')).statusCode).toBe(404);
      expect((await h.anonymous('GET', '/api/ping')).headers['cache-control']).toBe('no-store');
    } finally {
      await h.close();
    }
  });
});

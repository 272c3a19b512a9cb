// Every error the API answers with: a stable snake_case code, its HTTP status, and its message in English
// and zh-CN. The web app translates by code; the message is for people reading logs or using curl.
// One exhaustive map from the domain's refusal codes to statuses ends in an unreachable-case assertion,
// so a new RefusalCode does not compile until it is given a status here.
import type { RefusalCode } from '../app/commands.ts';
import type { ErrorBody as ErrorBodyContract, Issue } from '../contracts/errors.contract.ts';

export type { Issue };

/** Errors of the HTTP layer itself (as opposed to refusals decided by the domain). */
export type ApiCode =
  | 'validation'
  | 'bad_request'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'login_locked'
  | 'rate_limited'
  | 'forbidden'
  | 'not_yourself'
  | 'csrf_failed'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'project_exists'
  // the broker side (CH-2, CH-10)
  | 'broker_not_approved'
  | 'escort_invalid'
  | 'escort_expired'
  | 'escort_attempts'
  | 'login_taken'
  | 'unknown_project'
  // reliability (issue 14): one customer's personal data does not open; the rest of the office works
  | 'personal_data_unreadable'
  // office: the admin workspace
  | 'account_refused'
  | 'same_approver'
  | 'erasure_refused'
  // tv-pairing (issue 16.1): paired floor displays
  | 'display_unpaired'
  | 'display_revoked'
  | 'pairing_code_unknown'
  | 'pairing_code_used'
  | 'display_already_revoked'
  | 'internal';

export type ErrorCode = ApiCode | RefusalCode;

export type Lang = 'en' | 'zh-CN';

export const API_STATUS: Readonly<Record<ApiCode, number>> = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  login_locked: 429,
  rate_limited: 429,
  forbidden: 403,
  not_yourself: 403,
  csrf_failed: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  project_exists: 409,
  personal_data_unreadable: 409,
  account_refused: 422,
  same_approver: 409,
  erasure_refused: 422,
  internal: 500,
  broker_not_approved: 403,
  escort_invalid: 422,
  escort_expired: 422,
  escort_attempts: 429,
  login_taken: 409,
  unknown_project: 404,
  display_unpaired: 401,
  display_revoked: 401,
  pairing_code_unknown: 422,
  pairing_code_used: 409,
  display_already_revoked: 409,
};

function unreachable(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}

/**
 * Refusals by status: 409 when the command collides with the state it met (the floor or a unit changed,
 * a race on time, something already there) — retrying after a fresh look may succeed; 422 when the
 * command names something that is not so (unknown or departed person, wrong role, bad phone or value).
 */
export function refusalStatus(code: RefusalCode): 409 | 422 | 429 {
  switch (code) {
    case 'not_signed_in':
    case 'not_away':
    case 'not_receiving':
    case 'unit_sold':
    case 'unit_held':
    case 'unit_withdrawn':
    case 'unit_not_held':
    case 'no_live_order':
    case 'no_open_dispute':
    case 'stage_backwards':
    case 'time_backwards':
    case 'already_exists':
    case 'already_decided':
    case 'escort_used':
    case 'link_needs_confirmation':
      return 409;
    case 'probe_limited':
      return 429;
    case 'appeal_exists':
    case 'appeal_not_open':
      return 409;
    case 'customer_owned':
    case 'no_consultant_free':
      return 409;
    case 'not_an_alert':
      return 422;
    case 'unknown_violation':
      return 422;
    // register hygiene (issue 12.2)
    case 'entry_superseded':
      return 409;
    case 'unknown_entry':
    case 'unknown_referrer':
      return 422;
    case 'unknown_staff':
    case 'unknown_broker':
    case 'unknown_unit':
    case 'departed':
    case 'wrong_role':
    case 'invalid_phone':
    case 'invalid_input':
    case 'unknown_record':
    case 'idempotency_key_reused':
    case 'unknown_option':
      return 422;
    default:
      return unreachable(code);
  }
}

export function statusOf(code: ErrorCode): number {
  return code in API_STATUS ? API_STATUS[code as ApiCode] : refusalStatus(code as RefusalCode);
}

export const MESSAGES: Readonly<Record<ErrorCode, Readonly<Record<Lang, string>>>> = {
  validation: { en: 'the request is not valid', 'zh-CN': '请求参数无效' },
  bad_request: { en: 'the request could not be read', 'zh-CN': '请求格式错误，无法解析' },
  unauthenticated: { en: 'sign in first', 'zh-CN': '请先登录' },
  invalid_credentials: { en: 'wrong login or password', 'zh-CN': '用户名或密码错误' },
  login_locked: { en: 'too many failed sign-ins: try again later', 'zh-CN': '登录失败次数过多，请稍后再试' },
  rate_limited: { en: 'too many requests: slow down', 'zh-CN': '请求过于频繁，请稍后再试' },
  forbidden: { en: 'your role may not do this', 'zh-CN': '您的角色无权执行此操作' },
  not_yourself: { en: 'you may only act as yourself', 'zh-CN': '只能以本人身份操作' },
  csrf_failed: { en: 'missing or wrong X-CSRF-Token header', 'zh-CN': '缺少或错误的 X-CSRF-Token 请求头' },
  not_found: { en: 'not found', 'zh-CN': '未找到' },
  payload_too_large: { en: 'the request body is too large', 'zh-CN': '请求内容过大' },
  unsupported_media_type: { en: 'send application/json', 'zh-CN': '请使用 application/json 格式' },
  project_exists: { en: 'a project with this id exists', 'zh-CN': '该项目编号已存在' },
  personal_data_unreadable: { en: "this customer's personal data cannot be opened: ask the administrator to run anchang verify", 'zh-CN': '该客户的个人信息无法读取，请联系管理员运行 anchang verify 检查' },
  account_refused: { en: 'the account change is not acceptable', 'zh-CN': '账号变更不符合要求' },
  same_approver: { en: 'an erasure must be approved by a second administrator', 'zh-CN': '删除个人信息须由另一位管理员批准' },
  erasure_refused: { en: 'the erasure cannot be carried out', 'zh-CN': '无法执行删除' },
  internal: { en: 'internal error', 'zh-CN': '系统内部错误' },
  unknown_staff: { en: 'unknown staff member', 'zh-CN': '未知的置业顾问或员工' },
  unknown_broker: { en: 'unknown broker', 'zh-CN': '未知的渠道' },
  unknown_unit: { en: 'unknown unit', 'zh-CN': '未知的房源' },
  departed: { en: 'this person has left the company and can no longer act', 'zh-CN': '该员工已离职，不能再操作' },
  wrong_role: { en: 'this person does not hold the role this needs', 'zh-CN': '该员工的岗位不能执行此操作' },
  invalid_phone: { en: 'not a valid phone number', 'zh-CN': '手机号码无效' },
  invalid_input: { en: 'the request is not acceptable', 'zh-CN': '输入内容不符合要求' },
  not_signed_in: { en: 'not signed in on today’s queue', 'zh-CN': '今日未签到上岗' },
  not_away: { en: 'not away', 'zh-CN': '当前不在离岗状态' },
  not_receiving: { en: 'not receiving anyone', 'zh-CN': '当前没有在接待客户' },
  unit_sold: { en: 'the unit is held by another customer', 'zh-CN': '该房源已被其他客户认购' },
  stage_backwards: { en: 'the order is already at this stage or a later one: a stage is never repeated or undone', 'zh-CN': '订单已处于该阶段或更后的阶段，不能重复或回退' },
  unit_held: { en: 'the unit is held back from sale (预留): a manager must release it first', 'zh-CN': '该房源已被预留锁定，需经理解除后才能下单' },
  unit_withdrawn: { en: 'the unit is withdrawn from sale', 'zh-CN': '该房源已下架，不可销售' },
  unit_not_held: { en: 'the unit is not held', 'zh-CN': '该房源未被预留' },
  no_live_order: { en: 'the unit holds no live order', 'zh-CN': '该房源当前没有有效订单' },
  no_open_dispute: { en: 'there is no open dispute to decide: none was accepted, or it is already decided', 'zh-CN': '没有待裁决的异议：异议未受理或已裁决' },
  time_backwards: { en: 'a later fact is already recorded: try again', 'zh-CN': '已有更晚的记录，请重试' },
  already_exists: { en: 'already exists', 'zh-CN': '已存在' },
  // ---- the broker side (CH-2, CH-7, CH-8, CH-10) ----
  unknown_record: { en: 'no such record for this', 'zh-CN': '找不到对应的记录' },
  already_decided: { en: 'already decided', 'zh-CN': '已处理，不能重复操作' },
  escort_used: { en: 'this escort code was already used', 'zh-CN': '该带看码已使用过' },
  probe_limited: { en: 'too many refused reports: reporting is held back for a while', 'zh-CN': '被拒报备过多，暂时不能继续报备' },
  broker_not_approved: { en: 'your broker application is not approved yet: you may only see your application', 'zh-CN': '您的经纪人申请尚未通过审核，只能查看申请状态' },
  escort_invalid: { en: 'the escort code is not valid for this customer', 'zh-CN': '带看码无效或与该客户不符' },
  escort_expired: { en: 'the escort code has expired: ask the broker for the current one', 'zh-CN': '带看码已过期，请经纪人出示最新的码' },
  escort_attempts: { en: 'too many wrong escort codes: try again later', 'zh-CN': '带看码错误次数过多，请稍后再试' },
  login_taken: { en: 'this login is taken', 'zh-CN': '该用户名已被使用' },
  unknown_project: { en: 'there is no such project: check the sign-up link the sales office gave you', 'zh-CN': '没有这个项目，请核对案场提供的报名链接' },
  link_needs_confirmation: { en: 'this family link would change who owns a customer: the manager must make it', 'zh-CN': '该家庭关联会改变客户归属，需由经理确认操作' },
  idempotency_key_reused: { en: 'this Idempotency-Key was already used for a different request: send a new key', 'zh-CN': '该幂等键已用于另一请求，请使用新的键' },
  unknown_option: { en: 'not one of the office’s options for this field', 'zh-CN': '不是本案场为该项设定的选项' },
  unknown_violation: { en: 'no such violation', 'zh-CN': '没有这条违规记录' },
  appeal_exists: { en: 'this violation is already appealed', 'zh-CN': '该违规记录已申诉过' },
  appeal_not_open: { en: 'there is no open appeal to decide', 'zh-CN': '没有待裁决的申诉' },
  // register hygiene (issue 12.2)
  unknown_entry: { en: 'no such entry in the register', 'zh-CN': '登记簿中没有这条登记' },
  entry_superseded: { en: 'this entry was already corrected: correct the newer entry', 'zh-CN': '该登记已被更正，请更正最新的那条' },
  unknown_referrer: { en: 'the referrer must be a customer the office already has', 'zh-CN': '介绍人须是本案场已有的客户' },
  customer_owned: { en: 'the customer already has a protected owner: not the company\'s to give', 'zh-CN': '该客户已有受保护的归属顾问，不能作为公司客户分配' },
  no_consultant_free: { en: 'no consultant can take a customer now', 'zh-CN': '目前没有可分配的置业顾问' },
  not_an_alert: { en: 'that is not an arrival you were alerted to', 'zh-CN': '这不是发给您的到访提醒' },
  // ---- tv-pairing (issue 16.1): paired floor displays ----
  display_unpaired: { en: 'this device is not paired as a display: open /pair on it', 'zh-CN': '本设备尚未配对为显示屏，请在本机打开 /pair 配对' },
  display_revoked: { en: "this display's pairing was revoked: pair it again from /pair", 'zh-CN': '该显示屏已解除配对，请在本机打开 /pair 重新配对' },
  pairing_code_unknown: { en: 'no display is showing this code (it may have expired): read the code on the TV again', 'zh-CN': '没有显示屏正在显示此配对码（可能已过期），请重新查看电视上的配对码' },
  pairing_code_used: { en: 'this code was already used to pair a display', 'zh-CN': '该配对码已被使用' },
  display_already_revoked: { en: 'this display is already unpaired', 'zh-CN': '该显示屏已解除配对' },
};

/** The JSON body of every error answer (src/contracts/errors.contract.ts), its code one of ours. */
export type ErrorBody = Omit<ErrorBodyContract, 'code'> & { readonly code: ErrorCode };

/** An error the API answers with on purpose; the error handler turns it into `ErrorBody` and its status. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly extra: Omit<ErrorBody, 'code' | 'message'> = {},
  ) {
    super(extra.detail ?? code);
  }

  get status(): number {
    return statusOf(this.code);
  }

  body(lang: Lang): ErrorBody {
    return { code: this.code, message: MESSAGES[this.code][lang], ...this.extra };
  }
}

/** The language asked for: zh-CN when the highest-weighted tag is Chinese, English otherwise. */
export function langOf(acceptLanguage: unknown): Lang {
  if (typeof acceptLanguage !== 'string' || acceptLanguage.length > 500) return 'en';
  let best: { lang: Lang; q: number } = { lang: 'en', q: 0 };
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q > best.q)) continue;
    if (tag === 'zh' || tag.startsWith('zh-')) best = { lang: 'zh-CN', q };
    else if (tag !== '') best = { lang: 'en', q };
  }
  return best.lang;
}

// The rejects file of a register import (issue 11.4): every rejected row as the file had it, with the row
// number Excel shows and the reasons in Chinese, so the office corrects the rows and imports them again.
import type { SheetColumn, SheetSpec } from '../reports/report-sheets.ts';
import type { RejectCode, RejectReason, RejectedRow } from './register-import-plan.ts';
import type { RegisterColumn } from './register-columns.ts';

const FIELD_WORDS: Readonly<Record<RegisterColumn, string>> = {
  date: '日期', time: '时间', kind: '类型', name: '姓名', phone: '电话', gender: '性别', consultant: '置业顾问', needs: '需求',
  source: '认知途径', grade: '诚意度', district: '区域', propertyType: '物业类型', units: '意向房源', budget: '预算', address: '工作单位或住址',
  carBrand: '车辆品牌', plate: '车牌', phone2: '其他电话', contactVia: '跟进方式', reached: '是否接通', said: '跟进内容',
};

const REASON_WORDS: Readonly<Record<RejectCode, (p: RejectReason['params']) => string>> = {
  missing_date: () => '缺少日期',
  bad_date: (p) => `日期无法识别：${String(p.value ?? '')}`,
  future_date: (p) => `日期在将来：${String(p.value ?? '')}`,
  missing_phone: () => '缺少电话',
  bad_phone: (p) => `电话号码无效：${String(p.value ?? '')}`,
  missing_name: () => '缺少客户姓名',
  missing_consultant: () => '缺少置业顾问',
  unknown_consultant: (p) => `本案场没有这位置业顾问：${String(p.value ?? '')}`,
  unknown_kind: (p) => `类型应为来访、来电或跟进：${String(p.value ?? '')}`,
  unknown_option: (p) => `不是本案场的选项：${String(p.value ?? '')}`,
  bad_budget: (p) => `预算不是数字：${String(p.value ?? '')}`,
  unknown_contact: (p) => `跟进方式应为电话、短信、上门或微信：${String(p.value ?? '')}`,
  duplicate_in_file: (p) => `与本文件第 ${String(p.firstRow ?? '')} 行重复（同一客户、同一天、同一类型）`,
  already_registered: () => '登记册中已有这条记录（同一客户、同一天、同一类型）',
};

/** One reason in Chinese, naming the column it is in. */
export function rejectWords(r: RejectReason): string {
  const text = REASON_WORDS[r.code](r.params);
  return r.field !== null && r.code === 'unknown_option' ? `${FIELD_WORDS[r.field]}${text}` : text;
}

/** The rejects as a sheet: 行号, 原因, then the file's own columns under its own headers. */
export function rejectsSheet(headers: readonly string[], rejects: readonly RejectedRow[], fileName: string): SheetSpec {
  const width = Math.max(headers.length, ...rejects.map((r) => r.cells.length));
  const columns: SheetColumn[] = [
    { header: '行号', kind: 'number', width: 8 },
    { header: '原因', kind: 'text', width: 40 },
    ...Array.from({ length: width }, (_, i) => ({ header: headers[i] ?? `列${i + 1}`, kind: 'text' as const, width: 14 })),
  ];
  return {
    name: '未导入的行',
    title: `${fileName} 未导入的行（共 ${rejects.length} 行）`,
    columns,
    rows: (function* () {
      for (const r of rejects) yield [r.rowNo, r.reasons.map(rejectWords).join('；'), ...Array.from({ length: width }, (_, i) => r.cells[i] ?? null)];
    })(),
  };
}

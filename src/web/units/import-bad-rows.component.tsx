// Every bad row of a refused sheet, one line per problem: the spreadsheet row number as Excel shows it,
// the field, and why, in the reader's language. The whole sheet waits until they are fixed.
import { Table } from 'antd';
import type { UnitImportPlan } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { fieldName, problemText } from './import-problem-text.ts';

interface Line {
  readonly key: string;
  readonly rowNo: number;
  readonly field: string;
  readonly why: string;
}

export function ImportBadRows({ badRows }: { readonly badRows: UnitImportPlan['badRows'] }) {
  const { t } = useI18n();
  const lines: Line[] = badRows.flatMap((r) => r.problems.map((p, i) => ({ key: `${r.rowNo}-${i}`, rowNo: r.rowNo, field: fieldName(t, p.field), why: problemText(t, p) })));
  return (
    <Table<Line>
      size="small"
      rowKey="key"
      data-testid="import-bad-rows"
      dataSource={lines}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: t('import.rowNo'), dataIndex: 'rowNo', width: 80, render: (n: number) => <span data-testid={`bad-row-${n}`}>{n}</span> },
        { title: t('import.field'), dataIndex: 'field', width: 100 },
        { title: t('import.problem'), dataIndex: 'why' },
      ]}
    />
  );
}

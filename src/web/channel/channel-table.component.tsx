// The channel assistant's tables share one shape: small, unpaged, their own empty text, and the broker and
// customer columns worded alike (the broker by name, the customer as shown: surname and masked number).
// ChannelTable is that shape; each list names only its own columns.
import { Table, type TableColumnsType } from 'antd';
import type { ShownCustomer } from '../../contracts/index.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { Translate } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';
import { useStaffNames } from '../shared/staff-names.context.tsx';

type Column<T> = TableColumnsType<T>[number];

/** What a list builds its columns from: the translator, names, and the two columns every list has. */
export interface ColumnKit<T> {
  readonly t: Translate;
  readonly nameOf: (id: string) => string;
  readonly broker: Column<T>;
  readonly customer: Column<T>;
}

const customerText = (c: ShownCustomer) => `${c.name ?? ''} ${c.phone}`.trim();

export function ChannelTable<T extends object>({
  rows,
  rowKey,
  testId,
  empty,
  rowClassName,
  columns,
}: {
  readonly rows: readonly T[];
  readonly rowKey: keyof T & string;
  readonly testId: string;
  /** The empty table's text; none shows antd's own. */
  readonly empty?: MessageKey;
  readonly rowClassName?: (row: T) => string;
  readonly columns: (kit: ColumnKit<T>) => TableColumnsType<T>;
}) {
  const { t } = useI18n();
  const { nameOf } = useStaffNames();
  const kit: ColumnKit<T> = {
    t,
    nameOf,
    broker: { title: t('broker.broker'), dataIndex: 'broker', render: (b: string) => nameOf(b) },
    customer: { title: t('ch.customer'), dataIndex: 'customer', render: customerText },
  };
  return (
    <Table<T>
      size="small"
      rowKey={rowKey}
      data-testid={testId}
      dataSource={[...rows]}
      pagination={false}
      {...(empty ? { locale: { emptyText: t(empty) } } : {})}
      {...(rowClassName ? { rowClassName } : {})}
      columns={columns(kit)}
    />
  );
}

// The fields of a new sign-in account (login, name, first password), shared by the staff, broker and user
// forms: a person added to an office usually gets their account in the same step.
import { Form, Input } from 'antd';
import { useI18n } from '../i18n/i18n.context.tsx';

export interface AccountValues {
  readonly login?: string;
  readonly displayName?: string;
  readonly password?: string;
}

/** `optional`: the account may be left out (a member of staff who does not sign in). */
export function AccountFields({ optional = false, prefix }: { readonly optional?: boolean; readonly prefix: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="login" label={t('admin.login')} rules={[{ required: !optional, pattern: /^[a-z0-9][a-z0-9._@-]{0,63}$/i, message: t('admin.loginRule') }]}>
        <Input autoComplete="off" data-testid={`${prefix}-login`} />
      </Form.Item>
      <Form.Item name="displayName" label={t('admin.displayName')} rules={[{ required: !optional, message: t('check.invalid') }]}>
        <Input data-testid={`${prefix}-display-name`} />
      </Form.Item>
      <Form.Item name="password" label={t('admin.password')} rules={[{ required: !optional, min: 8, message: t('admin.passwordRule') }]}>
        <Input.Password autoComplete="new-password" data-testid={`${prefix}-password`} />
      </Form.Item>
    </>
  );
}

/** Whether the form was given an account to create. */
export function hasAccount(v: AccountValues): v is Required<AccountValues> {
  return Boolean(v.login?.trim() && v.displayName?.trim() && v.password);
}

import { useEffect, useState } from 'react';
import { api, ApiError, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang, type Lang } from '../../shared/i18n.ts';

/** The notice fields a publication carries (server/publications/publication-notice.ts). */
export type NoticeFieldsValue = ResponseOf<(typeof api.campaigns)[':id']['notice']['$get']>;
type Field = keyof NoticeFieldsValue;

const PROBLEM_TEXT: Record<string, [string, string]> = {
  required: ['必填。', 'Required.'],
  too_long: ['太长了。', 'Too long.'],
  line_break: ['只能写一行。', 'One line only.'],
  document_number_format: [
    '格式应为“机关代字〔年份〕序号号”，如：青评议〔2026〕3号。',
    'Write the office code, the year in brackets and the number, as printed on the notice.',
  ],
  date_format: ['请填写有效日期。', 'Enter a valid date.'],
  date_out_of_range: [
    '成文日期不能早于评议结束之日，也不能晚于一个月后。',
    'The date cannot be before the campaign closed or more than a month ahead.',
  ],
};

/** What the server said about each field, from an `invalid_notice` refusal. */
function problemsOf(error: unknown): Partial<Record<Field, string>> {
  if (!(error instanceof ApiError) || error.code !== 'invalid_notice') return {};
  const found: Partial<Record<Field, string>> = {};
  for (const problem of error.problems ?? []) {
    const { path, code } = problem as { path?: unknown[]; code?: string };
    const field = path?.[1] as Field | undefined;
    if (field && code) found[field] = code;
  }
  return found;
}

const problemText = (lang: Lang, code: string) => t(lang, ...(PROBLEM_TEXT[code] ?? [code, code]));

/**
 * The office's notice fields before publishing: issuing office (红头), 文号, title, addressee, signature
 * and date, filled in with what the server suggests (the last notice's office and next 文号). Each
 * problem of a refused publication shows beside its field.
 */
export function NoticeFields({
  campaignId,
  value,
  onChange,
  error,
}: {
  campaignId: number;
  value: NoticeFieldsValue | null;
  onChange: (value: NoticeFieldsValue) => void;
  error: unknown;
}) {
  const lang = useLang();
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    call(api.campaigns[':id'].notice.$get({ param: { id: String(campaignId) } })).then(onChange, setLoadError);
    // Loaded once per campaign; the office's edits are kept by the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaignId]);
  if (loadError) return null;
  if (!value) return null;
  const problems = problemsOf(error);
  const input = (
    field: Field,
    label: string,
    options: { type?: string; placeholder?: string; wide?: boolean } = {},
  ) => {
    const id = `notice-${field}`;
    const problem = problems[field];
    return (
      <label className={options.wide ? 'notice-field-wide' : undefined} htmlFor={id}>
        {label}
        <input
          id={id}
          name={field}
          type={options.type ?? 'text'}
          value={value[field] ?? ''}
          placeholder={options.placeholder}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => onChange({ ...value, [field]: e.target.value })}
        />
        {problem && (
          <span className="form-error" id={`${id}-problem`}>
            {problemText(lang, problem)}
          </span>
        )}
      </label>
    );
  };
  return (
    <fieldset className="notice-fields" data-testid="notice-fields">
      <legend>{t(lang, '通报发文信息', 'The notice as issued')}</legend>
      <div className="form-grid">
        {input('issuer', t(lang, '发文机关（红头）', 'Issuing office (red head)'))}
        {input('documentNumber', t(lang, '发文字号', 'Document number'), {
          placeholder: t(lang, '如：青评议〔2026〕3号，可不填', 'Optional: office code, year and number'),
        })}
        {input('title', t(lang, '标题', 'Title'), { wide: true })}
        {input('addressee', t(lang, '主送机关', 'Addressed to'))}
        {input('signature', t(lang, '落款（署名）', 'Signed by'))}
        {input('date', t(lang, '成文日期', 'Date'), { type: 'date' })}
      </div>
    </fieldset>
  );
}

/** The fields as the publish request sends them: empty optional ones as null. */
export function noticeRequest(value: NoticeFieldsValue | null) {
  if (!value) return undefined;
  return {
    ...value,
    documentNumber: value.documentNumber?.trim() ? value.documentNumber : null,
    addressee: value.addressee?.trim() ? value.addressee : null,
  };
}

import { useId } from 'react';
import { t, useLang } from '../../../shared/i18n.ts';
import type { Bilingual } from './localized.ts';

interface LocalizedFieldProps {
  /** What the text is, e.g. ['题目', 'Question']. */
  readonly label: readonly [zh: string, en: string];
  readonly value: Bilingual;
  readonly onChange: (next: Bilingual) => void;
  readonly multiline?: boolean;
  /** Says the text may stay empty. */
  readonly optional?: boolean;
  /** Marks the Chinese text as missing, tied to the message that says so. */
  readonly problemId?: string | undefined;
}

/** A text in both languages: Chinese (what raters see by default) and English. */
export function LocalizedField({
  label,
  value,
  onChange,
  multiline = false,
  optional = false,
  problemId,
}: LocalizedFieldProps) {
  const lang = useLang();
  const id = useId();
  const invalid = problemId ? { 'aria-invalid': true, 'aria-describedby': problemId } : {};
  const Input = multiline ? 'textarea' : 'input';
  return (
    <div className="q-localized">
      <label htmlFor={`${id}-zh`}>
        {t(
          lang,
          `${label[0]}（中文${optional ? '，选填' : ''}）`,
          `${label[1]} (Chinese${optional ? ', optional' : ''})`,
        )}
      </label>
      <Input
        id={`${id}-zh`}
        lang="zh-CN"
        value={value.zh}
        rows={multiline ? 2 : undefined}
        onChange={(event) => onChange({ ...value, zh: event.target.value })}
        {...invalid}
      />
      <label htmlFor={`${id}-en`}>
        {t(
          lang,
          `${label[0]}（英文${optional ? '，选填' : ''}）`,
          `${label[1]} (English${optional ? ', optional' : ''})`,
        )}
      </label>
      <Input
        id={`${id}-en`}
        lang="en"
        value={value.en}
        rows={multiline ? 2 : undefined}
        onChange={(event) => onChange({ ...value, en: event.target.value })}
      />
    </div>
  );
}

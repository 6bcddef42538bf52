import { Component, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { RaterType } from '../../../../../scoring/rater-type.ts';
import { materialise } from '../../../../../surveys/materialise.ts';
// The server's preview draws the same sample units: the preview here is only drawn, never submitted.
import { sampleContext } from '../../../../../surveys/sample-units.ts';
import { SurveyForm } from '../../../respond/SurveyForm.tsx';
import { t, useLang, type Lang } from '../../../shared/i18n.ts';
import type { Definition } from './editor-model.ts';

/** The value after it has stayed the same for `ms`: typing does not rebuild the preview on every key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** survey-core can throw on JSON the editor lets through (a hand-written element); the preview says so. */
class PreviewBoundary extends Component<
  { children: ReactNode; fallback: (error: Error) => ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

/**
 * The questionnaire being edited, drawn as a rater's phone shows it: unit matrices filled with sample
 * units and text boxes capped as the server serves them (surveys/materialise.ts, the server's own step).
 */
export function PhonePreview({ definition, raterType }: { definition: Definition; raterType: RaterType }) {
  const lang = useLang();
  const [previewLang, setPreviewLang] = useState<Lang>(lang);
  useEffect(() => setPreviewLang(lang), [lang]);
  const settled = useSettled(definition, 300);
  const served = useMemo(() => {
    try {
      return materialise(settled, sampleContext(raterType)) as Record<string, unknown>;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }, [settled, raterType]);
  const key = useMemo(() => (served instanceof Error ? 'error' : JSON.stringify(served)), [served]);

  return (
    <div className="q-preview" data-testid="q-preview">
      <div className="q-preview-head">
        <h3>{t(lang, '手机预览', 'Phone preview')}</h3>
        <div className="q-preview-langs" role="group" aria-label={t(lang, '预览语言', 'Preview language')}>
          {(['zh', 'en'] as const).map((option) => (
            <button
              key={option}
              type="button"
              className={previewLang === option ? 'chip active' : 'chip'}
              aria-pressed={previewLang === option}
              onClick={() => setPreviewLang(option)}
            >
              {option === 'zh' ? '中文' : 'English'}
            </button>
          ))}
        </div>
      </div>
      <p className="muted">
        {raterType === 'recipient'
          ? t(lang, '预览不会提交；保存后才生效。', 'Nothing is submitted from the preview; edits count once saved.')
          : t(
              lang,
              '矩阵的行用三个示例单位代替；活动中为参评单位。预览不会提交。',
              'The matrix rows show three sample units; a campaign shows its units. Nothing is submitted.',
            )}
      </p>
      <div className="phone-frame q-phone">
        <PreviewBoundary
          key={key}
          fallback={(error) => (
            <p className="notice notice-warn" role="alert">
              {t(lang, '预览无法显示，请检查刚才修改的题目设置。', `The preview cannot be drawn: ${error.message}`)}
            </p>
          )}
        >
          {served instanceof Error ? (
            <ThrowError error={served} />
          ) : (
            <SurveyForm definition={served} lang={previewLang} draft={null} onDraft={noop} onComplete={noop} />
          )}
        </PreviewBoundary>
      </div>
    </div>
  );
}

const noop = () => undefined;

/** Hands an error found outside rendering to the boundary, so both show the same way. */
function ThrowError({ error }: { error: Error }): never {
  throw error;
}

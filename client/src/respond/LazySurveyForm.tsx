import { lazy, Suspense, type ComponentProps } from 'react';
import { registerRespondentWorker } from '../shared/service-worker.ts';
import { FormSkeleton } from './FormSkeleton.tsx';

/**
 * The form with the form library (survey-core, survey-react-ui): a chunk of its own, out of the first paint.
 * Once it is here the service worker is registered: what it keeps then comes from the browser's cache, and
 * never competes with the page's own downloads on a slow link.
 */
const loadSurveyForm = () =>
  import('./SurveyForm.tsx').then((module) => {
    registerRespondentWorker();
    return module;
  });
const SurveyForm = lazy(() => loadSurveyForm().then((module) => ({ default: module.SurveyForm })));

/** Starts fetching the form library now (the QR page's HTML also preloads it), before it is needed. */
export function preloadSurveyForm(): void {
  void loadSurveyForm().catch(() => undefined);
}

/** SurveyForm, drawn as a skeleton until its chunk is there. */
export function LazySurveyForm(props: ComponentProps<typeof SurveyForm>) {
  return (
    <Suspense fallback={<FormSkeleton />}>
      <SurveyForm {...props} />
    </Suspense>
  );
}

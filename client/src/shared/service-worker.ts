declare global {
  interface Window {
    /** Which build the boot script loaded (client/boot/boot.js). */
    __pingyiBuild?: 'modern' | 'legacy';
    /** Set as the app starts: the boot script falls back to the legacy build only before it. */
    __pingyiStarted?: boolean;
  }
}

/**
 * Registers the respondent pages' service worker (client/boot/service-worker.js) for the build this page
 * runs, once the page has loaded (the form calls it when its library is here: client/src/respond/
 * LazySurveyForm.tsx), so that it never competes with the page's own downloads. Registering again is a
 * no-op for the browser. Where service workers are missing (an insecure address, an old or locked-down
 * browser) the page works as before.
 */
let asked = false;

export function registerRespondentWorker(): void {
  if (asked || !('serviceWorker' in navigator)) return;
  asked = true;
  const register = () => {
    const build = window.__pingyiBuild === 'legacy' ? 'legacy' : 'modern';
    navigator.serviceWorker.register(`/sw.js?build=${build}`, { scope: '/' }).catch(() => {
      // Refused (private mode, a policy): the page works without it.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

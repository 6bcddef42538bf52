import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, call, NetworkError } from '../shared/api.ts';
import { t, useLang } from '../shared/i18n.ts';
import { deviceId } from './device-id.ts';
import type { RatingSession } from './rating-session.ts';
import { RespondFlow } from './RespondFlow.tsx';
import { RespondHeader } from './RespondHeader.tsx';
import { RespondNotice } from './RespondNotice.tsx';

/** A service recipient's rating of one unit, opened from a QR code or link: /r/{campaign}/{unit}. */
export default function RespondOpenPage({ campaign, unit }: { campaign: string; unit: string }) {
  const lang = useLang();
  const [session, setSession] = useState<RatingSession | null>(null);
  const [error, setError] = useState<ApiError | NetworkError | null>(null);
  const access = useMemo(
    () => ({ kind: 'open' as const, unitId: session?.unit?.id ?? 0, deviceId: deviceId() }),
    [session],
  );

  useEffect(() => {
    let cancelled = false;
    call(
      api.respond.open[':campaign'][':unit'].$get({
        param: { campaign: encodeURIComponent(campaign), unit: encodeURIComponent(unit) },
      }),
    )
      .then((opened) => !cancelled && setSession(opened))
      .catch((e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError || e instanceof NetworkError) setError(e);
        else throw e;
      });
    return () => {
      cancelled = true;
    };
  }, [campaign, unit]);

  return (
    <main className="respond">
      <RespondHeader session={session} />
      {!session && !error && <p className="loading">{t(lang, '正在打开问卷…', 'Opening the questionnaire…')}</p>}
      {error && <RespondNotice error={error} />}
      {session && <RespondFlow session={session} storeScope={`open.${campaign}.${unit}`} access={access} />}
    </main>
  );
}

import { useEffect, useState } from 'react';
import { t, useLang } from '../shared/i18n.ts';
import { shortMoment } from './RespondReceipt.tsx';

/** Why the last try did not get through: no network, or a server that answered with a failure of its own. */
export type WaitReason = 'offline' | 'server';

interface PendingBallotNoticeProps {
  /** When the campaign closes: the ballot must go out before then. */
  closesAt: string | null;
  /** A try is under way. */
  trying: boolean;
  /** Why the last try failed; null before the first try on this page. */
  reason: WaitReason | null;
  onSendNow: () => void;
}

/**
 * A finished ballot kept on this phone until the server confirms it: what the person sees after sending
 * offline, and whoever picks the phone up later. It never shows the answers (decision 011).
 */
export function PendingBallotNotice({ closesAt, trying, reason, onSendNow }: PendingBallotNoticeProps) {
  const lang = useLang();
  const moment = closesAt && shortMoment(lang, new Date(closesAt));
  return (
    <section className="notice notice-wait" role="status" data-testid="ballot-waiting">
      <h2>{t(lang, '一份评价正在等待发送', 'A rating is waiting to be sent')}</h2>
      <p>
        {reason === 'server'
          ? t(lang, '服务器暂时无法接收。', 'The server cannot take it right now. ')
          : reason === 'offline'
            ? t(lang, '网络暂时不通。', 'There is no network right now. ')
            : null}
        {t(
          lang,
          '评价已保存在本机，网络恢复后会自动发送，无需再点提交，也不会重复计票。关闭本页也不会丢失，下次打开时会继续发送。',
          'It is saved on this phone and will be sent automatically when the network is back: no need to submit again, and it will not count twice. Closing this page loses nothing; it is sent when the page opens again.',
        )}
      </p>
      {moment && (
        <p className="muted">
          {t(
            lang,
            `请在评议结束（${moment}）前让手机联网一次，之后将无法计入。`,
            `Let the phone get online before the evaluation closes (${moment}); after that it cannot count.`,
          )}
        </p>
      )}
      <button type="button" className="button-secondary" onClick={onSendNow} disabled={trying}>
        {trying ? t(lang, '正在发送…', 'Sending…') : t(lang, '立即发送', 'Send now')}
      </button>
    </section>
  );
}

/** After this long without an answer, the person is told the ballot is already safe on the phone. */
const SLOW_MS = 8_000;

/** Sending; on a slow network, after a few seconds, also that the ballot is already kept on this phone. */
export function SendingNotice() {
  const lang = useLang();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="loading" role="status">
      <p>{t(lang, '正在提交…', 'Sending…')}</p>
      {slow && (
        <p className="muted" data-testid="sending-slow">
          {t(
            lang,
            '网络较慢。评价已保存在本机：即使现在关闭本页，下次打开时也会自动发送，不会重复计票。',
            'The network is slow. Your rating is saved on this phone: even if you close this page now, it is sent when the page opens again, and it will not count twice.',
          )}
        </p>
      )}
    </div>
  );
}

/** A ballot that waited on this phone past the campaign's close: it was dropped, and the person is told. */
export function PendingExpiredNotice({ closesAt }: { closesAt: string }) {
  const lang = useLang();
  const moment = shortMoment(lang, new Date(closesAt));
  return (
    <section className="notice notice-warn" role="alert" data-testid="ballot-expired">
      <h2>{t(lang, '这份评价未能发送', 'This rating could not be sent')}</h2>
      <p>
        {t(
          lang,
          `保存在本机的一份评价在评议结束（${moment}）前未能发出，已无法计入，现已从本机删除。感谢您的参与。`,
          `A rating saved on this phone could not be sent before the evaluation closed (${moment}), so it cannot count, and it has been removed from this phone. Thank you for taking part.`,
        )}
      </p>
    </section>
  );
}

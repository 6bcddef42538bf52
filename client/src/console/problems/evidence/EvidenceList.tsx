import { t, useLang } from '../../../shared/i18n.ts';
import { formatTime } from '../../ui.tsx';

/** One evidence file as GET /api/problems/{id} lists it. */
export interface EvidenceListItem {
  id: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  uploadedAt: string;
  url: string;
}

const MIB = 1024 * 1024;

/** The photos (as thumbnails) and PDFs (as a document link) of a problem's fix; each opens in a new tab. */
export function EvidenceList({ items }: { items: readonly EvidenceListItem[] }) {
  const lang = useLang();
  if (items.length === 0) return <p className="muted">{t(lang, '暂无佐证材料。', 'No evidence yet.')}</p>;
  return (
    <ul className="evidence-list">
      {items.map((item) => {
        const image = item.mediaType.startsWith('image/');
        return (
          <li key={item.id} className="evidence-item">
            <a href={item.url} target="_blank" rel="noreferrer" title={item.fileName}>
              {image ? (
                <img src={item.url} alt={item.fileName} loading="lazy" decoding="async" />
              ) : (
                <span className="evidence-pdf" aria-hidden="true">
                  PDF
                </span>
              )}
              <span className="evidence-name">{item.fileName}</span>
            </a>
            <span className="muted small">
              {size(item.bytes)} · <time dateTime={item.uploadedAt}>{formatTime(item.uploadedAt, lang)}</time>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MIB) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / MIB).toFixed(1)} MB`;
}

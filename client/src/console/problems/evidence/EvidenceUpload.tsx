import { useId, useRef, useState } from 'react';
import { errorText } from '../../../shared/error-text.ts';
import { t, useLang } from '../../../shared/i18n.ts';
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_FILES, uploadEvidence } from './evidence-upload-request.ts';

const MIB = 1024 * 1024;

/**
 * Adds photos or PDFs of the fix to a problem (unit staff of its unit or the office, while it is filed,
 * in progress or claimed: pass `canUpload` from the problem's allowed actions). Files are checked for
 * number and size here, before anything is sent; their type is checked by the server, by content.
 */
export function EvidenceUpload({
  problemId,
  canUpload,
  onUploaded,
  maxMiB = 10,
}: {
  problemId: number;
  canUpload: boolean;
  onUploaded: () => void;
  /** The server's EVIDENCE_MAX_MB (default 10). */
  maxMiB?: number;
}) {
  const lang = useLang();
  const inputId = useId();
  const cameraId = useId();
  const noteId = useId();
  const input = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  if (!canUpload) return null;

  const pick = (list: FileList | null) => {
    setDone(null);
    const picked = Array.from(list ?? []);
    const tooLarge = picked.filter((file) => file.size > maxMiB * MIB);
    const empty = picked.filter((file) => file.size === 0);
    if (picked.length > EVIDENCE_MAX_FILES) {
      setError(
        t(
          lang,
          `一次最多上传${EVIDENCE_MAX_FILES}个文件，请分批上传。`,
          `At most ${EVIDENCE_MAX_FILES} files at a time; send the rest after.`,
        ),
      );
    } else if (tooLarge.length > 0) {
      setError(
        t(
          lang,
          `每个文件不能超过 ${maxMiB} MB：${tooLarge.map((f) => `“${f.name}”（${megabytes(f.size)} MB）`).join('、')}。请压缩照片或拆分PDF后再选。`,
          `Each file may be at most ${maxMiB} MB: ${tooLarge.map((f) => `"${f.name}" (${megabytes(f.size)} MB)`).join(', ')}. Make the photo smaller or split the PDF.`,
        ),
      );
    } else if (empty.length > 0) {
      setError(
        t(
          lang,
          `文件是空的：${empty.map((f) => f.name).join('、')}。`,
          `Empty file: ${empty.map((f) => f.name).join(', ')}.`,
        ),
      );
    } else {
      setError(null);
      setFiles(picked);
      return;
    }
    setFiles([]);
    clearInputs();
  };

  const clearInputs = () => {
    if (input.current) input.current.value = '';
    if (camera.current) camera.current.value = '';
  };

  const send = async () => {
    if (files.length === 0) return;
    setError(null);
    setProgress(0);
    try {
      const result = await uploadEvidence(problemId, files, note, setProgress);
      setDone(result.evidence.length);
      setFiles([]);
      setNote('');
      clearInputs();
      onUploaded();
    } catch (failure) {
      setError(errorText(lang, failure));
    } finally {
      setProgress(null);
    }
  };

  const uploading = progress !== null;
  return (
    <div className="evidence-upload">
      <label htmlFor={inputId}>{t(lang, '选择照片或PDF文件', 'Choose photos or PDF files')}</label>
      <input
        id={inputId}
        ref={input}
        type="file"
        accept={EVIDENCE_ACCEPT}
        multiple
        disabled={uploading}
        onChange={(event) => pick(event.target.files)}
      />
      {/* On a phone this opens the camera at once; the picker above also offers the photos already taken. */}
      <label htmlFor={cameraId} className="evidence-camera">
        {t(lang, '或直接拍照', 'Or take a photo')}
      </label>
      <input
        id={cameraId}
        ref={camera}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        disabled={uploading}
        onChange={(event) => pick(event.target.files)}
      />
      <p className="muted small">
        {t(
          lang,
          `JPEG、PNG、WebP 照片或 PDF 文件，一次最多${EVIDENCE_MAX_FILES}个，每个不超过 ${maxMiB} MB。照片中的拍摄位置、设备型号等信息会在保存前删除；PDF 文件原样保存，请勿在其中留下无关的个人信息。`,
          `JPEG, PNG or WebP photos or PDF files, up to ${EVIDENCE_MAX_FILES} at a time, ${maxMiB} MB each. A photo's location, camera and other metadata are removed before it is stored; PDFs are stored as they are, so leave no unrelated personal details in them.`,
        )}
      </p>
      {files.length > 0 && (
        <ul className="evidence-picked">
          {files.map((file) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}`}>
              {file.name} <span className="muted">({megabytes(file.size)} MB)</span>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={noteId}>{t(lang, '说明（选填）', 'Note (optional)')}</label>
      <textarea
        id={noteId}
        rows={2}
        maxLength={2000}
        value={note}
        disabled={uploading}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="form-actions">
        <button
          type="button"
          className="button-primary"
          disabled={uploading || files.length === 0}
          onClick={() => void send()}
        >
          {uploading
            ? t(
                lang,
                `正在上传… ${Math.round((progress ?? 0) * 100)}%`,
                `Uploading… ${Math.round((progress ?? 0) * 100)}%`,
              )
            : t(lang, '上传佐证材料', 'Upload evidence')}
        </button>
      </div>
      {uploading && <progress className="evidence-progress" max={1} value={progress ?? 0} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {done !== null && (
        <p className="notice notice-ok" role="status">
          {t(lang, `已上传 ${done} 个文件，已记入整改时间线。`, `${done} file(s) uploaded and added to the timeline.`)}
        </p>
      )}
    </div>
  );
}

function megabytes(bytes: number): string {
  return (bytes / MIB).toFixed(bytes < MIB ? 2 : 1);
}

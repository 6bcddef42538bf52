import type { api, ResponseOf } from '../../../shared/api.ts';
import { ApiError, NetworkError, type ApiErrorBody } from '../../../shared/api.ts';

/** What POST /api/problems/{id}/evidence answers (typed by the server's route). */
export type EvidenceUploadResult = ResponseOf<(typeof api.problems)[':id']['evidence']['$post']>;

/** The photo and document types the server accepts (checked there by content; here only to pick files). */
export const EVIDENCE_ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';
/** Files one upload may carry (MAX_EVIDENCE_FILES on the server). */
export const EVIDENCE_MAX_FILES = 5;

/**
 * Sends the files as multipart/form-data with the upload header the server requires (its guard against
 * cross-site forms), reporting progress as the bytes go out: a photo on a weak network takes a while.
 * This is the one request that is not JSON, so it does not go through the typed client.
 */
export function uploadEvidence(
  problemId: number,
  files: readonly File[],
  note: string,
  onProgress: (fraction: number) => void,
): Promise<EvidenceUploadResult> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  if (note.trim() !== '') form.append('note', note.trim());
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/problems/${problemId}/evidence`);
    request.setRequestHeader('X-Pingyi-Upload', '1');
    request.responseType = 'text';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new NetworkError('The upload did not reach the server.'));
    request.ontimeout = request.onerror;
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(body as EvidenceUploadResult);
        return;
      }
      const error = (body as ApiErrorBody | null)?.error;
      reject(new ApiError(request.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${request.status}`));
    };
    request.send(form);
  });
}

import type { api, ResponseOf } from '../../shared/api.ts';
import { EvidenceList } from './evidence/EvidenceList.tsx';
import { EvidenceUpload } from './evidence/EvidenceUpload.tsx';

type Evidence = ResponseOf<(typeof api.problems)[':id']['$get']>['evidence'];

/** The photos and PDFs of the fix (P2's list), and the upload when the user may add some (P2's upload). */
export function ProblemEvidence({
  problemId,
  items,
  canUpload,
  onUploaded,
}: {
  problemId: number;
  items: Evidence;
  canUpload: boolean;
  onUploaded: () => void;
}) {
  return (
    <div className="problem-evidence" data-testid="problem-evidence">
      <EvidenceList items={items} />
      <EvidenceUpload problemId={problemId} canUpload={canUpload} onUploaded={onUploaded} />
    </div>
  );
}

import { WeekDigest } from './WeekDigest.tsx';
import { WeekList } from './WeekList.tsx';

/** 整改周周见 (decision 017): /weekly lists the weeks, /weekly/{Monday} is one week's digest. No sign-in. */
export default function WeeklyDigestPage({ week }: { week: string | null }) {
  return week === null ? <WeekList /> : <WeekDigest week={week} />;
}

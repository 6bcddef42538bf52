import { readFile } from 'node:fs/promises';
import type { Db } from '../db/database.ts';
import type { EvidenceStore } from '../evidence/evidence-store.ts';
import { addEvidence, checkEvidenceFile, type CheckedFile } from '../evidence/evidence.service.ts';
import type { Actor } from '../problems/problem-writes.ts';

// The demo ledger's evidence photos: a few drawn scenes of a finished fix (demo-evidence/README.md says how
// they were made), put in through the upload's own path — checked by content, stripped of metadata, stored
// by their hash and written as an `evidence` timeline entry — so that they are what an upload would store.

const SCENES = ['window', 'hall', 'pavement', 'lane', 'notice-board'] as const;
type Scene = (typeof SCENES)[number];

/** Which scene fits a problem, by the words of its title; the notice board (公示栏) fits the rest. */
const SCENE_WORDS: ReadonlyArray<[Scene, RegExp]> = [
  ['lane', /通道|小巷|油烟|垃圾|占用|小区|物业/],
  ['pavement', /占道|道路|路面|施工|工地|公交|车辆|出租车/],
  ['hall', /设备|自助|叫号|饮水|预约|打印|系统/],
  ['window', /窗口|咨询|电话|指南|材料|态度|告知|评价|办理/],
];

const FILE_NAMES: Record<Scene, string> = {
  window: '窗口一次告知公示牌.jpg',
  hall: '自助服务区设备修复.jpg',
  pavement: '路面修复现场.jpg',
  lane: '通道清理后.jpg',
  'notice-board': '整改结果公示栏.jpg',
};

export interface DemoEvidence {
  readonly store: EvidenceStore;
  readonly photos: ReadonlyMap<Scene, CheckedFile>;
}

/** Reads and checks the demo's photos once (before the seed's transaction: no database work). */
export async function loadDemoEvidence(store: EvidenceStore): Promise<DemoEvidence> {
  const photos = new Map<Scene, CheckedFile>();
  for (const scene of SCENES) {
    const bytes = new Uint8Array(await readFile(new URL(`./demo-evidence/${scene}.jpg`, import.meta.url)));
    // The photos are small; the configured upload limit (EVIDENCE_MAX_MB) is not known here and not needed.
    photos.set(scene, await checkEvidenceFile({ name: FILE_NAMES[scene], bytes }, { maxBytes: 1024 * 1024 }));
  }
  return { store, photos };
}

function sceneOf(title: string): Scene {
  return SCENE_WORDS.find(([, words]) => words.test(title))?.[0] ?? 'notice-board';
}

/** Attaches the photo of the problem's scene, as the unit's or the office's upload at `at`. */
export async function attachDemoPhoto(
  db: Db,
  evidence: DemoEvidence,
  problem: { id: number; title: string },
  note: string,
  actor: Actor,
  at: Date,
): Promise<void> {
  const photo = evidence.photos.get(sceneOf(problem.title));
  if (!photo) throw new Error(`demo evidence: no photo for "${problem.title}"`);
  await addEvidence(db, evidence.store, problem.id, [photo], note, actor, at);
}

import { SHELL_DATA_ID, type RespondentShellNames } from '../../../formats/respondent-shell.ts';

export type ShellNames = RespondentShellNames;

/**
 * The names the server wrote into this QR page's HTML (server/http/respondent-shell.ts), so the page can
 * show them before the API answers; null when the page was reached another way or names another link.
 */
export function readRespondShell(campaign: string, unit: string): ShellNames | null {
  const block = document.getElementById(SHELL_DATA_ID);
  if (!block?.textContent) return null;
  try {
    const names = JSON.parse(block.textContent) as ShellNames;
    if (names.campaign.slug !== campaign) return null;
    return names.unit && names.unit.code !== unit ? { ...names, unit: null } : names;
  } catch {
    return null;
  }
}

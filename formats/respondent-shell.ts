/**
 * The names a QR page's HTML carries for the client (server/http/respondent-shell.ts writes them,
 * client/src/respond/respond-shell.ts reads them): a JSON data block with this id.
 */
export const SHELL_DATA_ID = 'pingyi-respond-shell';

/** The names the server knows for a QR link; the unit is null when the campaign does not rate it. */
export interface RespondentShellNames {
  campaign: { slug: string; name: string; nameEn: string };
  unit: { code: string; name: string; nameEn: string } | null;
}

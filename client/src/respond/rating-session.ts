/** What the server answers when a rating is opened (by QR link or by code). */
export interface RatingSession {
  campaign: { id: number; slug: string; name: string; nameEn: string; endsAt: string };
  raterType: 'superior' | 'peer' | 'recipient';
  /** The unit being rated (service recipients); null when rating many units. */
  unit: { id: number; code: string; name: string; nameEn: string } | null;
  questionnaire: { id: number; definition: Record<string, unknown> };
}

// crypto.randomUUID exists only on secure (HTTPS) pages and from Chrome 92 / Safari 15.4; the respondent
// pages must work below that (the support floor, Chrome 67 and iOS Safari 14) and on plain HTTP. The
// random bytes come from crypto.getRandomValues, which every browser on the floor has, on any page.

const hex = (byte: number) => (byte + 0x100).toString(16).slice(1);

/** A random UUID (version 4, RFC 9562), e.g. a ballot's submission id or this device's id. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = Array.from(bytes, hex).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

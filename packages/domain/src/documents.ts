/** Which return documents exist for a return method once the carrier has booked it. */
export const LABEL_FORMATS = ['a6', 'a4', '4x6', 'zpl', 'qr'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

export function labelFormats(method: string): LabelFormat[] {
  // Label-less drop-off: a QR code to show at the counter, and the A4 sheet that carries it.
  if (method === 'drop_off_labelless') return ['qr', 'a4'];
  // A parcel label: thermal (A6, 4×6 in, ZPL) or print-at-home A4.
  if (method === 'drop_off' || method === 'pickup') return ['a6', 'a4', '4x6', 'zpl'];
  // In store: nothing to print.
  return [];
}

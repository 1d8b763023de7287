// Which documents a return has: the drawn set of a sandbox carrier's method, or what the carrier
// of a merchant's account made (plus the QR Retour draws from a label-less code and the CN23 it
// draws when the carrier made no customs papers).
import { labelFormats } from '@retour/domain/documents';
import { fromJson } from '@retour/db/json';
import type { ReturnRecord } from '@retour/db/repos/returns';

export type DocumentFormatView = 'a6' | 'a4' | '4x6' | 'zpl' | 'png' | 'gif' | 'qr';

type Ret = Pick<
  ReturnRecord,
  'labelStatus' | 'method' | 'customsRequired' | 'carrierAccountId' | 'carrierFormats' | 'labelless' | 'trackingNumber'
>;

export function documentFormats(ret: Ret): { formats: DocumentFormatView[]; customs: boolean } {
  if (ret.labelStatus !== 'ready') return { formats: [], customs: false };
  const made = ret.carrierAccountId ? fromJson<{ kind: string; format: string }[]>(ret.carrierFormats ?? null) : null;
  if (!made) return { formats: labelFormats(ret.method), customs: ret.customsRequired === 1 };
  const formats = made.filter((d) => d.kind === 'label').map((d) => d.format as DocumentFormatView);
  if (ret.labelless || made.some((d) => d.kind === 'qr')) formats.push('qr');
  return { formats: [...new Set(formats)], customs: made.some((d) => d.kind === 'customs') || ret.customsRequired === 1 };
}

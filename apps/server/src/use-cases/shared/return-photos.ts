// The photos sent with a new return: each must be an upload of this portal for this order and
// this item, not used by another return; together they meet each item's requirement (its reason's
// setting and the return rules, domain/photos.ts) and the limit of the return. Put on the return
// in its creation's transaction (attachPhotos only takes photos still unattached).
import type { PortalSettings } from '@retour/contracts/config';
import type { Executor } from '@retour/db/database';
import { attachPhotos, findPhotos } from '@retour/db/repos/photos';
import { checkReturnPhotos, photoRequirement, type ReasonPhotos } from '@retour/domain/photos';
import type { RuleOutcome } from '@retour/domain/return-rules';
import { fail } from '../../errors.ts';

type Line = { orderItemId: string; reason: string; photoIds?: string[] | undefined };

/** Photos of the return by line: `index` is the line's position. */
export type ChosenPhoto = { id: string; index: number };

export async function checkChosenPhotos(
  db: Executor,
  args: {
    merchantId: string;
    portalId: string;
    orderId: string;
    settings: PortalSettings;
    lines: readonly Line[];
    outcome: RuleOutcome | null;
    /** Staff creating a return cannot add photos: the requirement binds shoppers only. */
    enforceRequirement: boolean;
  },
): Promise<ChosenPhoto[]> {
  const { lines } = args;
  const chosen = lines.flatMap((l, index) => (l.photoIds ?? []).map((id) => ({ id, index })));
  const seen = new Set<string>();
  for (const p of chosen) {
    if (seen.has(p.id)) fail('photo_not_usable', 'A photo was sent twice; send each photo once.', { index: p.index, photoId: p.id });
    seen.add(p.id);
  }
  const reasonPhotos = new Map(args.settings.reasons.map((r) => [r.code, r.photos as ReasonPhotos | undefined]));
  const rulePhotos = new Map((args.outcome?.items ?? []).map((d) => [d.id, d.photos]));
  const requirements = lines.map((l) => photoRequirement(reasonPhotos.get(l.reason), rulePhotos.get(l.orderItemId)));
  const problem = checkReturnPhotos(
    args.enforceRequirement ? requirements : requirements.map((r) => (r.mode === 'required' ? { mode: 'optional', min: 0 } : r)),
    lines.map((l) => l.photoIds?.length ?? 0),
  );
  if (problem?.code === 'too_many_photos') {
    fail('too_many_photos', `A return may have at most ${problem.max} photos; remove ${problem.total - problem.max}.`, {
      max: problem.max,
    });
  }
  if (problem?.code === 'photos_required') {
    fail('photos_required', `Add at least ${problem.min} photo(s) of this item (${problem.count} sent).`, {
      index: problem.index,
      orderItemId: lines[problem.index]?.orderItemId,
      min: problem.min,
    });
  }
  if (problem?.code === 'photos_not_accepted') {
    fail('photos_not_accepted', 'Photos are not taken for this item’s reason; remove them.', { index: problem.index });
  }
  const rows = new Map((await findPhotos(db, args.merchantId, [...seen])).map((r) => [r.id, r]));
  for (const p of chosen) {
    const row = rows.get(p.id);
    const line = lines[p.index] as Line;
    if (
      !row ||
      row.returnId !== null ||
      row.portalId !== args.portalId ||
      row.orderId !== args.orderId ||
      row.orderItemId !== line.orderItemId
    ) {
      fail('photo_not_usable', 'A photo is not one you uploaded for this item, or it expired; add it again.', {
        index: p.index,
        photoId: p.id,
      });
    }
  }
  return chosen;
}

/** Puts the checked photos on the new return (in its transaction); refuses when another return took one meanwhile. */
export async function attachChosenPhotos(
  tx: Executor,
  merchantId: string,
  returnId: string,
  chosen: readonly ChosenPhoto[],
  itemIds: readonly string[],
  at: string,
): Promise<void> {
  if (chosen.length === 0) return;
  const changed = await attachPhotos(
    tx,
    merchantId,
    returnId,
    chosen.map((p) => ({ id: p.id, returnItemId: itemIds[p.index] as string })),
    at,
  );
  if (changed !== chosen.length) fail('photo_not_usable', 'A photo was just used by another return; add it again.');
}

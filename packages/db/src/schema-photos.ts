// Row shape of the shoppers' photos (migration 0018), in the portable types of schema.ts.

/** One uploaded photo: unattached (returnId null) until its return is created, then the return's. */
export interface ReturnPhotosTable {
  merchantId: string;
  id: string;
  portalId: string;
  /** The order the shopper's lookup opened when uploading: only a return of it may use the photo. */
  orderId: string;
  orderItemId: string;
  returnId: string | null;
  returnItemId: string | null;
  /** Where the object storage keeps it: `<merchantId>/photos/<id>.jpg`. */
  storageKey: string;
  contentType: string;
  bytes: number;
  width: number;
  height: number;
  createdAt: string;
  attachedAt: string | null;
}

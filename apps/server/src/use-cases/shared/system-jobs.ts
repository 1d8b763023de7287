// Names shared by the worker's own (not merchant) jobs. No imports, so any module may use them
// without creating an import cycle through the job runner.
/** The outbox "merchant" of jobs that belong to no merchant. */
export const SYSTEM_MERCHANT_ID = '_system';
export const RETENTION_TOPIC = 'retention.sweep';
export const DB_OPTIMIZE_TOPIC = 'db.optimize';
export const UNUSED_PHOTOS_TOPIC = 'photos.remove_unused';

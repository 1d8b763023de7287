/** Thrown by a job handler that knows when it should be tried again (e.g. webhook deliveries); run-jobs.ts honours it. */
export class RetryLater extends Error {
  readonly delayMs: number;

  constructor(message: string, delayMs: number) {
    super(message);
    this.delayMs = delayMs;
  }
}

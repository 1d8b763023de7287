// The mail transport port: one message out, accepted or refused by the relay. Email jobs are
// registered only when a transport exists; without one they wait in the outbox.
export type MailAttachment = {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Set for inline parts referenced from the HTML as `cid:<contentId>`. */
  contentId?: string;
};

export type MailMessage = {
  /** Deterministic per outbox job, so receivers can drop a resend of the same message. */
  messageId: string;
  from: string;
  to: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
};

export interface MailTransport {
  /**
   * Resolves once the relay accepted the message; rejects on any refusal (the job is retried),
   * and at once when `signal` aborts (the job ran out of time or the process is stopping).
   */
  send(message: MailMessage, opts?: { signal?: AbortSignal | undefined }): Promise<{ messageId: string }>;
  close(): void;
}

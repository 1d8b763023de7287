// A real SMTP server for tests (smtp-server on 127.0.0.1, any port) that keeps every accepted
// message and can refuse the next n with a temporary 451; mailparser reads what arrived.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type TestSmtp = {
  url: string;
  /** Raw accepted messages with their envelope recipients. */
  received: { raw: Buffer; rcptTo: string[] }[];
  /** Refuse the next `n` messages with 451. */
  refuseNext(n: number): void;
  refused: number;
  parsed(): Promise<ParsedMail[]>;
  close(): Promise<void>;
};

/** `port`: listen there (a relay started again where it was stopped); default any free port. */
export async function startSmtp(opts: { port?: number } = {}): Promise<TestSmtp> {
  let refuse = 0;
  const state: TestSmtp = {
    url: '',
    received: [],
    refused: 0,
    refuseNext: (n) => {
      refuse = n;
    },
    // skipImageLinks keeps `cid:` references in the HTML as sent.
    parsed: () => Promise.all(state.received.map((m) => simpleParser(m.raw, { skipImageLinks: true }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refuse > 0) {
          refuse--;
          state.refused++;
          callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
          return;
        }
        state.received.push({ raw: Buffer.concat(chunks), rcptTo: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', () => resolve()));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}

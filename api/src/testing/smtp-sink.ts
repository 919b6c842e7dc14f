import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Every http(s) address in the plain-text body. */
  links: string[];
  /** The files attached, with their type and text (an `.ics` is text). */
  attachments: Array<{ filename: string; contentType: string; content: string }>;
}

/**
 * A real SMTP server in the test process (smtp-server), parsing what it receives (mailparser).
 * `refuse = true` answers every mail with a 451, as a server that is up but not accepting; `stop()`
 * then `start()` on the same port is a server that is down, then back. `answerDelayMs` holds each
 * mail that long before accepting it (a slow server): a mail counts as received only when it is
 * accepted while its sender is still connected, as a sender that died before the "250" sees it.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  refuse = false;
  answerDelayMs = 0;
  private readonly closedSessions = new Set<string>();
  private server: SMTPServer | undefined;
  private boundPort = 0;

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.boundPort}`;
  }

  async start(port = this.boundPort): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
      onData: (stream, session, callback) => {
        if (this.refuse) {
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 })));
          return;
        }
        simpleParser(stream).then(async (mail) => {
          if (this.answerDelayMs > 0) await new Promise((r) => setTimeout(r, this.answerDelayMs));
          if (this.closedSessions.has(session.id)) return;
          const text = mail.text ?? '';
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : mail.to?.text ?? '';
          this.received.push({
            messageId: mail.messageId ?? '', to, subject: mail.subject ?? '', text, html: typeof mail.html === 'string' ? mail.html : '',
            links: text.match(/https?:\/\/\S+/g) ?? [],
            attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content.toString('utf8') })),
          });
          callback();
        }, (error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.boundPort = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The mails to `address`, oldest first. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
  }

  /** Waits until `predicate` holds for the received mails. */
  async waitFor(predicate: (mails: ReceivedMail[]) => boolean, timeoutMs = 20_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`expected mails did not arrive in ${timeoutMs} ms; received: ${this.received.map((m) => `${m.to}: ${m.subject}`).join(' | ') || 'none'}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.received;
  }
}

/** The token of a link `…?token=…` in a mail. */
export function tokenOf(link: string): string {
  const token = new URL(link.replace('/#/', '/')).searchParams.get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

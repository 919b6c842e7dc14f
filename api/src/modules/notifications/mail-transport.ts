import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { APPOINTMENT_INVITE_FILENAME } from '../sessions/appointment-invite.js';

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** An `.ics` to attach, or null. */
  calendarEvent?: string | null;
}

/** The SMTP server's answer to an accepted mail ("250 OK: queued as …"). */
export interface MailAccepted {
  response: string;
}

/** nodemailer over SMTP_URL; absent when SMTP_URL is unset (messages are then kept in the outbox). */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transporter = config.smtpUrl
      // an unreachable server fails the attempt in seconds (the outbox retries it), not in minutes
      ? nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never)
      : undefined;
  }

  get configured(): boolean {
    return this.transporter !== undefined;
  }

  /** Sends one mail; its Message-ID is the outbox row's, so a mail sent again after a crash is recognisably the same. */
  async send(mail: OutgoingMail): Promise<MailAccepted> {
    if (!this.transporter) throw new Error('No SMTP_URL: messages are kept in the outbox');
    const info = await this.transporter.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.messageId}@attune>`,
      // a text/calendar alternative (with the file's METHOD) and the same file as an attachment
      ...(mail.calendarEvent
        ? { icalEvent: { filename: APPOINTMENT_INVITE_FILENAME, method: /^METHOD:(\w+)/m.exec(mail.calendarEvent)?.[1] ?? 'PUBLISH', content: mail.calendarEvent } }
        : {}),
    });
    return { response: String(info.response ?? '') };
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}

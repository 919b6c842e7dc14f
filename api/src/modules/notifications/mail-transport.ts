import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
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
    });
    return { response: String(info.response ?? '') };
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}

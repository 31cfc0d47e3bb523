// Portal emails (invitations, password reset) through nodemailer over SMTP_URL. Without SMTP_URL nothing is sent:
// the message is logged without its body (it holds a single-use token) and the caller learns it was not sent.
import nodemailer from "nodemailer";
import { logger } from "~/lib/logger.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ sent: boolean }>;
}

export function smtpMailer(url: string | undefined, from: string): Mailer {
  if (!url) {
    return {
      async send(message) {
        logger.warn("SMTP_URL is not set; portal email not sent", { to: message.to, subject: message.subject });
        return { sent: false };
      },
    };
  }
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      return { sent: true };
    },
  };
}

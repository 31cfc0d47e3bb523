// A loopback SMTP sink (mail catcher) for tests and the demo: speaks enough RFC 5321 for nodemailer (EHLO/HELO,
// MAIL FROM, RCPT TO, DATA with dot-unstuffing, RSET, NOOP, QUIT), accepts every message and keeps it. No TLS and no
// AUTH are advertised, so a client sends in the clear on loopback. Never listens beyond 127.0.0.1.
import net from "node:net";

export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  /** Header names lower-cased; folded lines joined. */
  headers: Record<string, string>;
  /** The body as sent (quoted-printable or 7bit, as the client chose); see `text`. */
  body: string;
  /** The body decoded when it is quoted-printable (nodemailer's default for text with long lines). */
  text: string;
  receivedAt: Date;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: CaughtMail[];
  /** Resolves with the first message (already caught or still to come) that `match` accepts. */
  waitFor(match: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1_000_000;

const fromQuotedPrintable = (s: string) =>
  Buffer.from(s.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as a client writes a non-ASCII subject. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : fromQuotedPrintable(data.replace(/_/g, " ")),
    );
}

function parseMessage(raw: string, envelope: { from: string; to: string[] }): CaughtMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split + 4) : "";
  const headers: Record<string, string> = {};
  let last = "";
  for (const line of head.split("\r\n")) {
    if (/^[ \t]/.test(line) && last) headers[last] += ` ${line.trim()}`;
    else {
      const i = line.indexOf(":");
      if (i <= 0) continue;
      last = line.slice(0, i).trim().toLowerCase();
      headers[last] = line.slice(i + 1).trim();
    }
  }
  const encoding = headers["content-transfer-encoding"] ?? "";
  const text = /quoted-printable/i.test(encoding)
    ? fromQuotedPrintable(body)
    : /base64/i.test(encoding)
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : body;
  return { ...envelope, subject: decodeWords(headers.subject ?? ""), headers, body, text, receivedAt: new Date() };
}

/** `onMessage` sees every caught message as it arrives (the demo prints them). */
export async function startSmtpSink(opts: { port?: number; onMessage?: (m: CaughtMail) => void } = {}): Promise<SmtpSink> {
  const messages: CaughtMail[] = [];
  const waiters = new Set<{ match: (m: CaughtMail) => boolean; resolve: (m: CaughtMail) => void }>();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.setEncoding("latin1");
    const reply = (line: string) => socket.write(`${line}\r\n`);
    let buffer = "";
    let inData = false;
    let envelope = { from: "", to: [] as string[] };
    reply("220 waypost-smtp-sink ESMTP ready");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_MESSAGE_BYTES * 2) {
        reply("552 Message too large");
        socket.destroy();
        return;
      }
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const raw = buffer.slice(0, end).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          inData = false;
          const mail = parseMessage(raw, envelope);
          messages.push(mail);
          opts.onMessage?.(mail);
          for (const w of [...waiters]) {
            if (w.match(mail)) {
              waiters.delete(w);
              w.resolve(mail);
            }
          }
          envelope = { from: "", to: [] };
          reply("250 OK: message caught");
          continue;
        }
        const nl = buffer.indexOf("\r\n");
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        const arg = (line.match(/<([^>]*)>/)?.[1] ?? "").trim();
        if (verb === "EHLO") socket.write("250-waypost-smtp-sink\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n");
        else if (verb === "HELO") reply("250 waypost-smtp-sink");
        else if (verb === "MAIL") {
          envelope = { from: arg, to: [] };
          reply("250 OK");
        } else if (verb === "RCPT") {
          envelope.to.push(arg);
          reply("250 OK");
        } else if (verb === "DATA") {
          if (envelope.to.length === 0) reply("503 RCPT first");
          else {
            inData = true;
            reply("354 End data with <CR><LF>.<CR><LF>");
          }
        } else if (verb === "RSET") {
          envelope = { from: "", to: [] };
          reply("250 OK");
        } else if (verb === "NOOP") reply("250 OK");
        else if (verb === "QUIT") {
          reply("221 Bye");
          socket.end();
          return;
        } else reply("502 Command not implemented");
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(match, timeoutMs = 10_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (m: CaughtMail) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching email reached the SMTP sink within ${timeoutMs} ms (${messages.length} caught)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// Portal emails over real SMTP: nodemailer (the app's smtpMailer on SMTP_URL) talks to the loopback SMTP sink, and
// the invitation and password-reset emails arrive with links that work.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { partnersContext } from "~/services/partners/context.server";
import { acceptInvitation, inviteProvider } from "~/services/partners/invitations.server";
import { smtpMailer } from "~/services/partners/mail.server";
import { createProviderAccount, requestPasswordReset, resetPassword } from "~/services/partners/portal-auth.server";
import { startSmtpSink, type SmtpSink } from "../fakes/smtp-sink";
import { createProviderRow } from "./partners-world";
import { useTrackingWorld } from "./tracking-world";

const SHOP = "partner-mail.myshopify.com";
const FROM = "Waypost <no-reply@waypost.invalid>";
const world = useTrackingWorld(SHOP);
let sink: SmtpSink;

beforeEach(async () => {
  sink = await startSmtpSink();
});
afterEach(async () => {
  await sink.close();
});

const ctxWithSmtp = () => partnersContext({ mailer: smtpMailer(sink.url, FROM), allowLoopback: true });

describe("portal email through SMTP", () => {
  it("delivers a merchant's invitation to the provider's address with a link that accepts it", async () => {
    const ctx = ctxWithSmtp();
    const provider = await createProviderRow("Mail 3PL", "ops@mail-3pl.test");
    const inv = await inviteProvider(ctx, world.shopId, { by: "email", value: "ops@mail-3pl.test" });
    expect(inv.emailed).toBe(true);
    const mail = await sink.waitFor((m) => m.to.includes("ops@mail-3pl.test"));
    expect(mail.from).toBe("no-reply@waypost.invalid");
    expect(mail.subject).toMatch(/invites you to fulfil its orders on Waypost/);
    const token = mail.text.match(/\/partners\/invitations\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBe(inv.token);
    const link = await acceptInvitation(ctx, token!, { kind: "provider", providerId: provider.id, email: provider.email });
    expect(link.providerId).toBe(provider.id);
  });

  it("delivers a password reset whose single-use link sets the new password", async () => {
    const ctx = ctxWithSmtp();
    await createProviderAccount(ctx, { name: "Reset 3PL", email: "ops@reset-3pl.test", password: "first-password-123" });
    await requestPasswordReset(ctx, "ops@reset-3pl.test");
    const mail = await sink.waitFor((m) => m.to.includes("ops@reset-3pl.test"));
    expect(mail.subject).toBe("Reset your Waypost partner password");
    const token = mail.text.match(/\/partners\/reset\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeDefined();
    await resetPassword(ctx, token!, "second-password-456");
    await expect(resetPassword(ctx, token!, "third-password-789")).rejects.toThrow();
    expect(await getDb().providerUser.count({ where: { email: "ops@reset-3pl.test", resetTokenHash: null } })).toBe(1);
  });
});

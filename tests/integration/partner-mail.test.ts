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

describe("portal email in the recipient's language", () => {
  it("sends a password reset in the language the provider signed up with, not the one of the page that asked", async () => {
    const ctx = ctxWithSmtp();
    await createProviderAccount(ctx, { name: "Lyon 3PL", email: "ops@lyon-3pl.test", password: "first-password-123", locale: "fr" });
    await requestPasswordReset(ctx, "ops@lyon-3pl.test", "de");
    const mail = await sink.waitFor((m) => m.to.includes("ops@lyon-3pl.test"));
    expect(mail.subject).toBe("Réinitialisez votre mot de passe partenaire Waypost");
    expect(mail.text).toContain("Choisissez un nouveau mot de passe : ");
    expect(mail.text).toMatch(/\/partners\/reset\/[A-Za-z0-9_-]+/);
  });

  it("sends a merchant's invitation in the provider's language when one of its users has that address", async () => {
    const ctx = ctxWithSmtp();
    await createProviderAccount(ctx, { name: "Shanghai 3PL", email: "ops@sh-3pl.test", password: "first-password-123", locale: "zh-CN" });
    await inviteProvider(ctx, world.shopId, { by: "email", value: "ops@sh-3pl.test" }, { senderLocale: "pt-BR" });
    const mail = await sink.waitFor((m) => m.to.includes("ops@sh-3pl.test"));
    expect(mail.subject).toMatch(/邀请您在 Waypost 上为其处理订单发货$/);
    expect(mail.text).toContain("请在 Waypost 合作伙伴门户中接受邀请");
  });

  it("falls back to the inviting merchant's language for an address Waypost does not know", async () => {
    const ctx = ctxWithSmtp();
    await inviteProvider(ctx, world.shopId, { by: "email", value: "new@unknown-3pl.test" }, { senderLocale: "pt-BR" });
    const mail = await sink.waitFor((m) => m.to.includes("new@unknown-3pl.test"));
    expect(mail.subject).toMatch(/convida você para processar os pedidos dela no Waypost$/);
    expect(mail.text).toMatch(/Aceite o convite no portal de parceiros Waypost: .*\/partners\/invitations\/[A-Za-z0-9_-]+/);
  });

  it("remembers the language of each sign-in for later emails", async () => {
    const ctx = ctxWithSmtp();
    await createProviderAccount(ctx, { name: "Berlin 3PL", email: "ops@berlin-3pl.test", password: "first-password-123", locale: "en" });
    const { addressLimiter, login } = await import("~/services/partners/portal-auth.server");
    const result = await login(ctx, addressLimiter(), { email: "ops@berlin-3pl.test", password: "first-password-123", address: "127.0.0.1", locale: "de-DE" });
    expect(result.ok).toBe(true);
    await requestPasswordReset(ctx, "ops@berlin-3pl.test");
    const mail = await sink.waitFor((m) => m.to.includes("ops@berlin-3pl.test"));
    expect(mail.subject).toBe("Setze dein Waypost-Partnerpasswort zurück");
  });
});

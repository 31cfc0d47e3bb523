import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { HttpOutcome } from "~/lib/http.server";
import trackingEvent from "./__fixtures__/tracking-event.json";
import { SAMPLE_DELIVERY } from "./index.server";
import { webhookPayload, webhookRequest, webhookUrl } from "./request";
import { interpretWebhook } from "./response";
import { webhookForm } from "./form";
import { webhookSettingsSchema, type WebhookSettings } from "./settings";

const settings: WebhookSettings = { protocol: "https", host: "hooks.example.com", path: "/waypost", auth: { kind: "none" } };
const payload = webhookPayload(
  { ...SAMPLE_DELIVERY, deliveryKey: trackingEvent.event_id },
  { sentAt: trackingEvent.sent_at },
);

const res = (status: number, bodyText = "", headers: Record<string, string> = {}): HttpOutcome => ({
  kind: "response",
  status,
  headers,
  bodyText,
  latencyMs: 1,
});

describe("webhook request mapping", () => {
  it("produces the documented Intelipost-style payload", () => {
    expect(payload).toEqual(trackingEvent);
  });

  it("builds the URL from protocol, host, port and path", () => {
    expect(webhookUrl(settings)).toBe("https://hooks.example.com/waypost");
    expect(webhookUrl({ ...settings, protocol: "http", port: 8080 })).toBe("http://hooks.example.com:8080/waypost");
    expect(webhookUrl({ ...settings, port: 443 })).toBe("https://hooks.example.com/waypost");
  });

  it("signs the exact body with base64 HMAC-SHA256 in the configured header", () => {
    const plan = webhookRequest({ ...settings, auth: { kind: "hmac" } }, { hmacSecret: "0123456789abcdef" }, payload);
    if (!plan.ok) throw new Error(plan.reason);
    const expected = createHmac("sha256", "0123456789abcdef").update(plan.bodyText).digest("base64");
    expect(plan.headers["x-waypost-signature"]).toBe(expected);
    expect(plan.headers["x-waypost-event-id"]).toBe(trackingEvent.event_id);
  });

  it("sends Basic auth and asks for a missing password", () => {
    const basic = { ...settings, auth: { kind: "basic" as const, username: "wish" } };
    const plan = webhookRequest(basic, { password: "pw" }, payload);
    expect(plan.ok && plan.headers.authorization).toBe(`Basic ${Buffer.from("wish:pw").toString("base64")}`);
    expect(webhookRequest(basic, {}, payload).ok).toBe(false);
  });

  it("validates settings and splits the form's secrets out", () => {
    expect(webhookSettingsSchema.safeParse({ ...settings, host: "https://x.com" }).success).toBe(false);
    expect(webhookSettingsSchema.parse({ ...settings, path: "hook" }).path).toBe("/hook");
    const form = webhookForm.schema.parse({ protocol: "https", host: settings.host, path: settings.path, authKind: "basic", username: "u", password: "p" });
    expect(webhookForm.toStored(form)).toMatchObject({
      settings: { protocol: "https", host: settings.host, path: settings.path, auth: { kind: "basic", username: "u" } },
      secrets: { password: "p" },
    });
  });
});

describe("webhook response parsing", () => {
  it("accepts any 2xx regardless of the body", () => {
    expect(interpretWebhook(res(200, "OK"), 0)).toEqual({ kind: "ok" });
    expect(interpretWebhook(res(204), 0)).toEqual({ kind: "ok" });
  });

  it("dies on 400 with a snippet of the answer", () => {
    expect(interpretWebhook(res(400, "missing order_number"), 0)).toEqual({
      kind: "dead",
      reason: "The webhook rejected the event: HTTP 400: missing order_number",
    });
  });

  it("asks for attention on auth failures, missing URLs and redirects", () => {
    expect(interpretWebhook(res(401), 0).kind).toBe("attention");
    expect(interpretWebhook(res(404), 0).kind).toBe("attention");
    expect(interpretWebhook(res(301, "", { location: "https://elsewhere" }), 0).kind).toBe("attention");
  });
});

import { describe, expect, it } from "vitest";
import { webhookConnector } from "./index.server";
import type { WebhookSettings } from "./settings";

const settings = (host: string, protocol: "http" | "https" = "https"): WebhookSettings => ({ protocol, host, path: "/w", auth: { kind: "none" } });
const check = (s: WebhookSettings, lookup: (h: string) => Promise<string[]>, production = true) =>
  webhookConnector.checkOnSave!(s, { production, allowLoopback: false, lookup });

describe("saving a webhook destination", () => {
  it("refuses loopback and private addresses, literal or resolved, on the host field", async () => {
    expect(await check(settings("127.0.0.1"), async () => [])).toEqual([{ path: "host", message: "destination_not_allowed", params: { reason: expect.stringMatching(/loopback/) } }]);
    expect(await check(settings("erp.example.com"), async () => ["192.168.0.10"])).toEqual([{ path: "host", message: "destination_not_allowed", params: { reason: expect.stringMatching(/private/) } }]);
  });

  it("asks for https in production on the protocol field", async () => {
    expect(await check(settings("erp.example.com", "http"), async () => ["93.184.216.34"])).toEqual([{ path: "protocol", message: "https_required" }]);
  });

  it("accepts a public destination, and a name that does not resolve now (every send checks again)", async () => {
    expect(await check(settings("erp.example.com"), async () => ["93.184.216.34"])).toEqual([]);
    expect(await check(settings("erp.example.com"), async () => Promise.reject(new Error("ENOTFOUND")))).toEqual([]);
  });
});

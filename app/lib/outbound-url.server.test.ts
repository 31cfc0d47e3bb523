import { describe, expect, it } from "vitest";
import { checkOutboundUrl, classifyAddress } from "./outbound-url.server";

const prod = { production: true, allowLoopback: false };
const resolvesTo = (...ips: string[]) => ({ lookup: async () => ips });

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["100.100.100.200", "private"],
    ["127.0.0.2", "loopback"],
    ["169.254.169.254", "link_local"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fd00:ec2::254", "private"],
    ["fe80::1", "link_local"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a9fe:a9fe", "link_local"],
    ["64:ff9b::10.0.0.1", "private"],
    ["2002:7f00:1::", "loopback"],
    ["2606:4700::1111", "public"],
  ])("classifies %s as %s", (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });
});

describe("checkOutboundUrl", () => {
  it("accepts a public https URL after resolving it", async () => {
    const r = await checkOutboundUrl("https://hooks.example.com/wp", { ...prod, ...resolvesTo("93.184.216.34") });
    expect(r).toMatchObject({ ok: true, addresses: ["93.184.216.34"] });
  });

  it("requires https in production only", async () => {
    expect(await checkOutboundUrl("http://8.8.8.8/", prod)).toEqual({ ok: false, reason: "only https URLs are allowed" });
    expect((await checkOutboundUrl("http://8.8.8.8/", { ...prod, production: false })).ok).toBe(true);
    expect((await checkOutboundUrl("ftp://8.8.8.8/", { ...prod, production: false })).ok).toBe(false);
  });

  it("rejects userinfo in the URL", async () => {
    const r = await checkOutboundUrl("https://user:pw@8.8.8.8/", prod);
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining("credentials in the URL") });
  });

  it("rejects a hostname when any of its addresses is internal", async () => {
    const r = await checkOutboundUrl("https://evil.example/", { ...prod, ...resolvesTo("93.184.216.34", "10.0.0.5") });
    expect(r).toEqual({ ok: false, reason: "destination is a private network address (evil.example resolves to 10.0.0.5)" });
  });

  it("rejects loopback in every spelling unless allowed", async () => {
    for (const u of ["https://127.0.0.1/", "https://[::1]/", "https://localhost./", "https://2130706433/", "https://[::ffff:7f00:1]/"]) {
      expect((await checkOutboundUrl(u, prod)).ok, u).toBe(false);
    }
    expect((await checkOutboundUrl("http://127.0.0.1:8080/x", { production: false, allowLoopback: true })).ok).toBe(true);
  });

  it("rejects metadata hosts and link-local even when private is allowed", async () => {
    const opts = { ...prod, allowPrivate: true };
    expect((await checkOutboundUrl("https://169.254.169.254/latest/meta-data", opts)).ok).toBe(false);
    expect((await checkOutboundUrl("https://metadata.google.internal/", opts)).ok).toBe(false);
    expect((await checkOutboundUrl("https://10.0.0.1/", opts)).ok).toBe(true);
  });

  it("reports unresolvable hosts", async () => {
    const r = await checkOutboundUrl("https://nowhere.invalid/", {
      ...prod,
      lookup: async () => {
        throw new Error("ENOTFOUND");
      },
    });
    expect(r).toEqual({ ok: false, reason: "could not resolve nowhere.invalid" });
  });
});

describe("IPv4 hidden in IPv6 (issue 8, defect 8)", () => {
  it.each([
    ["::ffff:0:7f00:1", "loopback"], // IPv4-translated ::ffff:0:0/96
    ["::ffff:0:127.0.0.1", "loopback"],
    ["::ffff:0:a00:1", "private"],
    ["::ffff:0:a9fe:a9fe", "link_local"],
    ["0:0:0:0:ffff:0:7f00:1", "loopback"],
    ["::7f00:1", "loopback"], // IPv4-compatible
    ["::ffff:7f00:1", "loopback"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b:1::a00:1", "private"], // local-use NAT64
    ["64:ff9b:1:7f00:1::", "private"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"], // Teredo
    ["2001:db8::1", "reserved"],
    ["fe80::200:5efe:7f00:1", "loopback"], // ISATAP: the embedded address decides
    ["2606:4700::200:5efe:a00:1", "private"], // ISATAP interface id
    ["::1:2:3:4", "reserved"],
    ["::ffff:0:8.8.8.8", "public"],
    ["192.0.2.1", "reserved"],
  ])("classifies %s as %s", (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it("refuses every IPv6 spelling of 127.0.0.1 in a URL", async () => {
    for (const host of ["[::ffff:0:7f00:1]", "[::ffff:0:127.0.0.1]", "[::7f00:1]", "[64:ff9b::7f00:1]", "[64:ff9b:1::7f00:1]", "[2002:7f00:1::1]", "[0:0:0:0:0:ffff:127.0.0.1]"]) {
      expect((await checkOutboundUrl(`https://${host}/hook`, prod)).ok, host).toBe(false);
    }
  });

  it("refuses a DNS name that resolves to a private or mapped address, using a resolver stub", async () => {
    for (const ip of ["10.0.0.5", "::ffff:0:7f00:1", "fd00::1", "169.254.169.254"]) {
      const r = await checkOutboundUrl("https://hooks.example.com/x", { ...prod, ...resolvesTo(ip) });
      expect(r.ok, ip).toBe(false);
    }
    expect((await checkOutboundUrl("https://hooks.example.com/x", { ...prod, ...resolvesTo("93.184.216.34") })).ok).toBe(true);
  });
});

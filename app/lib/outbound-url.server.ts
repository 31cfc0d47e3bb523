// SSRF guard for merchant-supplied destinations (webhooks). Checks every resolved address, not just the first,
// because a hostname can resolve to one public and one internal address.
// Residual risk: DNS can change between this check and the connection (rebinding); http.server.ts never follows
// redirects, which closes the other common bypass.
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";

export interface OutboundOptions {
  production: boolean;
  /** Loopback is needed for tests, the demo and local fakes. */
  allowLoopback: boolean;
  /** Private ranges (RFC 1918, fc00::/7, CGNAT) for self-hosted installs that post to an intranet. */
  allowPrivate?: boolean;
  lookup?: (host: string) => Promise<string[]>;
}

type OutboundCheck = { ok: true; url: URL; addresses: string[] } | { ok: false; reason: string };

type AddressClass = "public" | "loopback" | "private" | "link_local" | "unspecified" | "reserved";

/** Cloud metadata endpoints by name; their IPs are already covered by link-local/private/CGNAT ranges. */
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata", "instance-data", "metadata.azure.internal"]);

export async function defaultLookup(host: string): Promise<string[]> {
  const results = await dnsLookup(host, { all: true, verbatim: true });
  return results.map((r) => r.address);
}

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
}

function inV4(ip: number, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  const start = ipv4ToInt(base);
  return ip >= start && ip < start + size;
}

function classifyIpv4(ip: string): AddressClass {
  const n = ipv4ToInt(ip);
  if (inV4(n, "0.0.0.0", 8)) return "unspecified";
  if (inV4(n, "127.0.0.0", 8)) return "loopback";
  if (inV4(n, "169.254.0.0", 16)) return "link_local";
  if (inV4(n, "10.0.0.0", 8) || inV4(n, "172.16.0.0", 12) || inV4(n, "192.168.0.0", 16)) return "private";
  if (inV4(n, "100.64.0.0", 10)) return "private"; // CGNAT; also Alibaba's metadata address
  if (inV4(n, "192.0.0.0", 24) || inV4(n, "198.18.0.0", 15) || inV4(n, "224.0.0.0", 4) || inV4(n, "240.0.0.0", 4)) {
    return "reserved";
  }
  // Documentation ranges and 6to4 relay anycast: never a merchant's endpoint.
  if (inV4(n, "192.0.2.0", 24) || inV4(n, "198.51.100.0", 24) || inV4(n, "203.0.113.0", 24) || inV4(n, "192.88.99.0", 24)) {
    return "reserved";
  }
  return "public";
}

/** Expands an IPv6 literal to 8 16-bit groups; an embedded dotted IPv4 tail becomes the last two groups. */
function ipv6Groups(ip: string): number[] {
  let s = ip.toLowerCase().split("%")[0];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = ipv4ToInt(v4[1]);
    s = s.slice(0, -v4[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const fill = tail === undefined ? [] : new Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}

function groupsToV4(hi: number, lo: number): string {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
}

function classifyIpv6(ip: string): AddressClass {
  const g = ipv6Groups(ip);
  if (g.length !== 8 || g.some((x) => !Number.isInteger(x) || x < 0 || x > 0xffff)) return "reserved";
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const embedded = () => classifyIpv4(groupsToV4(g[6], g[7]));
  if (g.every((x) => x === 0)) return "unspecified";
  if (zero(0, 7) && g[7] === 1) return "loopback";
  // ::/64 holds every form that carries an IPv4 address in its last 32 bits: IPv4-compatible (::a.b.c.d),
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-translated (::ffff:0:a.b.c.d, RFC 2765; [::ffff:0:7f00:1] is
  // 127.0.0.1). They reach the embedded address, so they get its class; anything else in ::/64 is not a host.
  if (zero(0, 4)) {
    const mid = `${g[4]}:${g[5]}`;
    return mid === "0:0" || mid === "0:65535" || mid === "65535:0" ? embedded() : "reserved";
  }
  // NAT64: the well-known prefix 64:ff9b::/96 reaches the embedded IPv4; the local-use 64:ff9b:1::/48
  // (RFC 8215) may embed it at several offsets and leads into the operator's network, so it is private.
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return embedded();
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return "private";
  if (g[0] === 0x2002) return classifyIpv4(groupsToV4(g[1], g[2])); // 6to4
  // ISATAP interface ids (…:0:5efe:a.b.c.d / …:200:5efe:a.b.c.d) carry an IPv4 address under any prefix.
  if ((g[4] === 0 || g[4] === 0x200) && g[5] === 0x5efe && embedded() !== "public") return embedded();
  // 2001::/23 (Teredo 2001::/32, ORCHID, benchmarking), 2001:db8::/32 documentation, 100::/64 discard.
  if (g[0] === 0x2001 && g[1] < 0x200) return "reserved";
  if (g[0] === 0x2001 && g[1] === 0xdb8) return "reserved";
  if (g[0] === 0x100 && zero(1, 4)) return "reserved";
  if ((g[0] & 0xfe00) === 0xfc00) return "private";
  if ((g[0] & 0xffc0) === 0xfe80) return "link_local";
  if ((g[0] & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((g[0] & 0xff00) === 0xff00) return "reserved"; // multicast
  return "public";
}

export function classifyAddress(ip: string): AddressClass {
  const family = isIP(ip.split("%")[0]);
  if (family === 4) return classifyIpv4(ip);
  if (family === 6) return classifyIpv6(ip);
  return "reserved";
}

function allowed(cls: AddressClass, opts: OutboundOptions): boolean {
  if (cls === "public") return true;
  if (cls === "loopback") return opts.allowLoopback;
  if (cls === "private") return opts.allowPrivate === true;
  // Link-local (cloud metadata lives there), unspecified and reserved are never legitimate webhook targets.
  return false;
}

const DESCRIBE: Record<AddressClass, string> = {
  public: "public",
  loopback: "a loopback address",
  private: "a private network address",
  link_local: "a link-local address",
  unspecified: "an unspecified address (0.0.0.0/::)",
  reserved: "a reserved or multicast address",
};

export async function checkOutboundUrl(raw: string, opts: OutboundOptions): Promise<OutboundCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a valid URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: `protocol ${url.protocol} is not allowed; use https` };
  }
  if (opts.production && url.protocol !== "https:") return { ok: false, reason: "only https URLs are allowed" };
  if (url.username || url.password) {
    return { ok: false, reason: "credentials in the URL are not allowed; use the authentication settings" };
  }

  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  if (host === "") return { ok: false, reason: "the URL has no host" };
  if (METADATA_HOSTS.has(host)) return { ok: false, reason: `${host} is a cloud metadata host` };

  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else if (host === "localhost" || host.endsWith(".localhost")) {
    addresses = ["127.0.0.1"];
  } else {
    try {
      addresses = await (opts.lookup ?? defaultLookup)(host);
    } catch {
      return { ok: false, reason: `could not resolve ${host}` };
    }
    if (addresses.length === 0) return { ok: false, reason: `could not resolve ${host}` };
  }

  for (const address of addresses) {
    const cls = classifyAddress(address);
    if (!allowed(cls, opts)) {
      const via = address === host ? "" : ` (${host} resolves to ${address})`;
      return { ok: false, reason: `destination is ${DESCRIBE[cls]}${via}` };
    }
  }
  return { ok: true, url, addresses };
}

import { describe, expect, it } from "vitest";
import { carrierEnv, EnvError, parseEnv } from "./env.server";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://waypost.example.com",
  WAYPOST_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
};

describe("the environment", () => {
  it("accepts a complete configuration and fills the documented defaults", () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({ PORT: 3000, DATABASE_URL: "file:./waypost.sqlite", RATES_DEADLINE_MS: 2000, NODE_ENV: "development" });
  });

  it("names every missing variable and what it should look like", () => {
    expect(() => parseEnv({})).toThrow(EnvError);
    try {
      parseEnv({});
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain("SHOPIFY_API_KEY is missing: the app's client id");
      expect(message).toContain("SHOPIFY_API_SECRET is missing");
      expect(message).toContain("WAYPOST_ENCRYPTION_KEY is missing: 32 random bytes in base64");
    }
  });

  it("rejects malformed values without echoing them", () => {
    const attempt = () => parseEnv({ ...valid, PORT: "eighty", WAYPOST_ENCRYPTION_KEY: "c2hvcnQ=", DATABASE_URL: "mysql://x" });
    expect(attempt).toThrow(/PORT is invalid/);
    expect(attempt).toThrow(/WAYPOST_ENCRYPTION_KEY is invalid: must be 32 random bytes/);
    expect(attempt).toThrow(/DATABASE_URL is invalid/);
    expect(attempt).not.toThrow(/c2hvcnQ=/);
  });

  it("insists on https for the app URL in production", () => {
    expect(() => parseEnv({ ...valid, NODE_ENV: "production", SHOPIFY_APP_URL: "http://waypost.example.com" })).toThrow(/SHOPIFY_APP_URL is invalid: must use https/);
  });

  it("requires an expiry with the old app secret, and one no more than 7 days ahead", () => {
    expect(() => parseEnv({ ...valid, SHOPIFY_API_SECRET_OLD: "old" })).toThrow(/SHOPIFY_API_SECRET_OLD_EXPIRES_AT is missing|SHOPIFY_API_SECRET_OLD_EXPIRES_AT is invalid: is required/);
    const in8Days = new Date(Date.now() + 8 * 24 * 3600_000).toISOString();
    expect(() => parseEnv({ ...valid, SHOPIFY_API_SECRET_OLD: "old", SHOPIFY_API_SECRET_OLD_EXPIRES_AT: in8Days })).toThrow(/at most 7 days ahead/);
    expect(() => parseEnv({ ...valid, SHOPIFY_API_SECRET_OLD: "old", SHOPIFY_API_SECRET_OLD_EXPIRES_AT: "tomorrow" })).toThrow(/ISO 8601/);
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    expect(parseEnv({ ...valid, SHOPIFY_API_SECRET_OLD: "old", SHOPIFY_API_SECRET_OLD_EXPIRES_AT: inAnHour }).SHOPIFY_API_SECRET_OLD_EXPIRES_AT).toEqual(new Date(inAnHour));
  });

  it("takes Waypost's UPS app as a pair, and reaches carriers only through the rating deps", async () => {
    expect(() => parseEnv({ ...valid, UPS_CLIENT_ID: "id" })).toThrow(/UPS_CLIENT_SECRET/);
    const env = parseEnv({ ...valid, UPS_CLIENT_ID: "id", UPS_CLIENT_SECRET: "s", UPS_BASE_URL: "http://127.0.0.1:4010" });
    const { carrierDepsFromEnv } = await import("~/services/carrier-env.server");
    expect(carrierDepsFromEnv(env)).toMatchObject({ baseUrls: { ups: "http://127.0.0.1:4010" }, appCredentials: { ups: { clientId: "id", clientSecret: "s" } } });
    expect(carrierDepsFromEnv(parseEnv(valid))).toMatchObject({ baseUrls: {}, appCredentials: {} });
  });

  it("reads each carrier's declared variables the same way, and refuses a base-URL override in production", () => {
    const acme = [{ id: "acme", displayName: "Acme", env: { baseUrl: "ACME_URL", clientId: "ACME_ID", clientSecret: "ACME_SECRET" } }];
    expect(carrierEnv({ ACME_URL: "http://127.0.0.1:9", ACME_ID: "i", ACME_SECRET: "s" }, false, acme)).toEqual({
      carriers: { acme: { baseUrl: "http://127.0.0.1:9", appCredentials: { clientId: "i", clientSecret: "s" } } },
      issues: [],
    });
    expect(carrierEnv({ ACME_URL: "http://127.0.0.1:9" }, true, acme).issues).toEqual([{ name: "ACME_URL", message: "points Acme calls (and the merchant's Acme credentials) at another host; not allowed in production" }]);
    expect(carrierEnv({ ACME_URL: "not a url", ACME_SECRET: "s" }, false, acme).issues.map((i) => i.name)).toEqual(["ACME_URL", "ACME_ID"]);
    expect(carrierEnv({}, true, acme)).toEqual({ carriers: {}, issues: [] });
    expect(() => parseEnv({ ...valid, NODE_ENV: "production", USPS_API_URL: "http://127.0.0.1:4010" })).toThrow(/USPS_API_URL is invalid: points USPS calls/);
  });
});

// The one carrier OAuth callback route (/carriers/<carrier>/callback): a carrier without a sign-in or an unknown id
// is a 404, a state that is missing, forged or issued for another carrier is a 400 in plain words, and nothing is
// stored. The full UPS round trip through the same service is in ups-connect.test.ts.
import { beforeEach, describe, expect, it } from "vitest";
import { loader } from "~/routes/carriers.$carrierId.callback";
import { createOAuthState } from "~/lib/oauth-state.server";
import { currentKeyring } from "~/lib/secrets.server";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();
const call = (carrierId: string, query: string) => loader({ request: new Request(`https://waypost.test/carriers/${carrierId}/callback${query}`), params: { carrierId }, context: {} });

beforeEach(async () => {
  await db.reset();
});

describe("the carrier sign-in callback", () => {
  it("answers 404 for a carrier that has no sign-in or is not registered", async () => {
    for (const id of ["usps", "table", "nope"]) {
      const res = await call(id, "?code=x&state=y");
      expect(res.status).toBe(404);
    }
  });

  it("refuses a missing or forged state in plain words and stores nothing", async () => {
    const missing = await call("ups", "?code=x");
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/^This UPS sign-in link is incomplete\. Nothing was connected\..*Carriers → UPS/);
    const forged = await call("ups", "?code=x&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(forged.status).toBe(400);
    expect(await forged.text()).toMatch(/not issued by Waypost/);
    expect(await db.prisma.carrierConnection.count()).toBe(0);
  });

  it("refuses a state issued for another carrier", async () => {
    const state = createOAuthState({ shop: "a.myshopify.com", carrierId: "usps", verifier: "v".repeat(43), draft: {} }, { keyring: currentKeyring(), now: Date.now });
    const res = await call("ups", `?code=x&state=${state}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/belongs to another carrier/);
  });
});

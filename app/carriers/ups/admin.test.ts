import { describe, expect, it } from "vitest";
import { upsAdmin } from "./admin.server";

const admin = upsAdmin(() => {
  throw new Error("describe never rates");
});
const describeWith = (diagnosis: unknown, authKind: "authorization_code" | "client_credentials" = "authorization_code") =>
  admin.describe({ accountNumber: "A1B2C3", mode: "test", status: "connected", settings: { authKind } as never, secrets: null, diagnosis });

describe("a UPS connection as the carrier page shows it", () => {
  it("names the account, the mode and the way it connected as message keys", () => {
    const summary = describeWith({ outcome: "negotiated", messages: [] }, "client_credentials");
    expect(summary.title).toEqual({ key: "carriers:summary.upsAccount", params: { number: "A1B2C3" } });
    expect(summary.subtitle).toEqual({ parts: [{ key: "carriers:summary.upsTest" }, { key: "carriers:summary.upsOwnApp" }] });
    expect(summary.notes).toEqual([{ text: { key: "carriers:notes.upsNegotiated" } }]);
  });

  it("keeps UPS's own words as they came, and says so itself when UPS gave no reason for returning no rates", () => {
    expect(describeWith({ outcome: "failed", messages: [{ code: "fix_settings/111580", message: "111580: The Shipper number is not valid" }] }).notes).toEqual([
      { text: { verbatim: "111580: The Shipper number is not valid" }, tone: "warning" },
    ]);
    expect(describeWith({ outcome: "failed", messages: [] }).notes).toEqual([{ text: { key: "carriers:notes.noRates", params: { carrier: "UPS" } }, tone: "warning" }]);
  });
});

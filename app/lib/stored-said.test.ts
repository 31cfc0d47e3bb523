import { describe, expect, it } from "vitest";
import { parts, say, verbatim } from "./said";
import { storeSaid, storedSaid } from "./stored-said";

describe("a message kept in a text column", () => {
  it("reads back a Waypost message with its values", () => {
    const said = parts(say("deliveries:stored.gaveUp", { attempts: 12 }), verbatim("HTTP 503"));
    expect(storedSaid(storeSaid(said))).toEqual(said);
  });

  it("stores a destination's own words as plain text, read back as they are", () => {
    expect(storeSaid(verbatim("Invalid tracking number"))).toBe("Invalid tracking number");
    expect(storedSaid("Invalid tracking number")).toEqual(verbatim("Invalid tracking number"));
  });

  it("shows a row written before the format (plain English) as it was stored", () => {
    expect(storedSaid("The shop is no longer installed")).toEqual(verbatim("The shop is no longer installed"));
  });

  it("shows text that only looks like a stored message as it is", () => {
    expect(storedSaid("waypost:not json")).toEqual(verbatim("waypost:not json"));
    expect(storedSaid('waypost:{"key":1}')).toEqual(verbatim('waypost:{"key":1}'));
  });

  it("keeps a destination's text that starts like a stored message as text", () => {
    const odd = verbatim('waypost:{"key":"deliveries:stored.shopGone"}');
    expect(storedSaid(storeSaid(odd))).toEqual(odd);
  });

  it("cuts a destination's long answer inside a stored message", () => {
    const stored = storedSaid(storeSaid(parts(say("deliveries:stored.gaveUp", { attempts: 3 }), verbatim("x".repeat(2000)))));
    expect(stored).toEqual(parts(say("deliveries:stored.gaveUp", { attempts: 3 }), verbatim("x".repeat(500))));
  });
});

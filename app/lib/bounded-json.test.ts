import { describe, expect, it } from "vitest";
import { parseBoundedJson } from "./bounded-json";

describe("parseBoundedJson", () => {
  it("parses ordinary JSON", () => {
    expect(parseBoundedJson('{"a":[1,{"b":"}]"}]}')).toEqual({ ok: true, value: { a: [1, { b: "}]" }] } });
  });

  it("refuses a field nested 10,000 deep without recursing", () => {
    expect(parseBoundedJson(`${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`)).toEqual({ ok: false, reason: "nests deeper than 64 levels" });
  });

  it("ignores brackets inside strings, including escaped quotes", () => {
    expect(parseBoundedJson(JSON.stringify({ s: '\\"[[[[' + "[".repeat(100) })).ok).toBe(true);
  });

  it("refuses a NUL character in a value or a key, which PostgreSQL cannot store", () => {
    expect(parseBoundedJson('{"tracking_number":"1Z\\u0000"}')).toMatchObject({ ok: false, reason: expect.stringMatching(/NUL/) });
    expect(parseBoundedJson('{"a\\u0000":1}')).toMatchObject({ ok: false });
  });

  it("refuses empty and non-JSON bodies with a reason", () => {
    expect(parseBoundedJson("")).toEqual({ ok: false, reason: "is empty; expected JSON" });
    expect(parseBoundedJson("shop=x")).toEqual({ ok: false, reason: "is not valid JSON" });
  });

  it("refuses an unpaired surrogate, which PostgreSQL's json type rejects, and keeps paired ones", () => {
    expect(parseBoundedJson('{"a":"\\ud800"}')).toEqual({ ok: false, reason: "contains an unpaired UTF-16 surrogate" });
    expect(parseBoundedJson(JSON.stringify({ a: "💥" }))).toEqual({ ok: true, value: { a: "💥" } });
  });
});

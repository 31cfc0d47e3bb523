import { describe, expect, it } from "vitest";
import { detectLocale, fromAcceptLanguage, resolveLocale } from "./config";

describe("resolveLocale", () => {
  it("keeps the locales Shopify passes that we translate", () => {
    for (const l of ["en", "pt-BR", "fr", "de", "id", "zh-CN", "es-MX"]) expect(resolveLocale(l)).toBe(l);
  });

  it("maps a bare language or another region to the region we translate for", () => {
    expect(resolveLocale("pt")).toBe("pt-BR");
    expect(resolveLocale("pt-PT")).toBe("pt-BR");
    expect(resolveLocale("es")).toBe("es-MX");
    expect(resolveLocale("es-ES")).toBe("es-MX");
    expect(resolveLocale("zh")).toBe("zh-CN");
    expect(resolveLocale("zh-Hans")).toBe("zh-CN");
    expect(resolveLocale("zh-Hans-CN")).toBe("zh-CN");
    expect(resolveLocale("fr-CA")).toBe("fr");
    expect(resolveLocale("de_AT")).toBe("de");
    expect(resolveLocale("en-GB")).toBe("en");
  });

  it("matches case-insensitively", () => {
    expect(resolveLocale("PT-br")).toBe("pt-BR");
    expect(resolveLocale("zh-cn")).toBe("zh-CN");
  });

  it("does not read Traditional Chinese as Simplified", () => {
    expect(resolveLocale("zh-TW")).toBeNull();
    expect(resolveLocale("zh-Hant")).toBeNull();
  });

  it("answers null for languages we do not have and for garbage", () => {
    expect(resolveLocale("ja")).toBeNull();
    expect(resolveLocale("")).toBeNull();
    expect(resolveLocale("../../etc/passwd")).toBeNull();
    expect(resolveLocale(undefined)).toBeNull();
  });
});

describe("fromAcceptLanguage", () => {
  it("picks the highest-ranked language we have", () => {
    expect(fromAcceptLanguage("ja;q=0.9, de;q=0.8, en;q=0.5")).toBe("de");
    expect(fromAcceptLanguage("en;q=0.2, id")).toBe("id");
  });

  it("skips languages refused with q=0 and answers null when nothing fits", () => {
    expect(fromAcceptLanguage("fr;q=0, ja")).toBeNull();
  });
});

describe("detectLocale", () => {
  it("prefers Shopify's locale parameter over the remembered cookie and the browser", () => {
    expect(detectLocale({ param: "fr", cookie: "de", acceptLanguage: "id" })).toBe("fr");
  });

  it("uses the cookie on later navigations, when the parameter is gone", () => {
    expect(detectLocale({ param: null, cookie: "pt-BR", acceptLanguage: "de" })).toBe("pt-BR");
  });

  it("falls back to the browser's language, then English", () => {
    expect(detectLocale({ acceptLanguage: "es-419,es;q=0.9" })).toBe("es-MX");
    expect(detectLocale({ param: "ja" })).toBe("en");
  });
});

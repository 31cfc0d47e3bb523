// Hostile input generators: values that broke us before (NUL, huge numbers and strings, deep nesting, wrong
// types) mixed into otherwise valid documents, so most inputs get past the first check and reach real code.
import fc from "fast-check";

const DEEP = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "",
      "\u0000",
      "1Z\u0000999",
      "'; DROP TABLE \"Shop\"; --",
      "../../../etc/passwd",
      "\ud800",
      "<script>alert(1)</script>",
      "x".repeat(1_000_000),
      "gid://shopify/ProductVariant/".padEnd(5_000, "9"),
      "other-shop.myshopify.com",
      "http://[::ffff:0:7f00:1]/",
    ),
  },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, 1, 99_999_999, 100_000, 100_001, 2 ** 31, 2 ** 53 + 2, 1e21, 1e308, -0.5, 1.5),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.constantFrom(null, true, false),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileString.filter((k) => k.length < 50), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** `valid` with each field (at any depth) kept, dropped or replaced by a hostile value. */
export function mutated(valid: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (Array.isArray(valid)) {
    if (valid.length === 0) return fc.array(hostileValue, { maxLength: 3 });
    return fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, { weight: 2, arbitrary: fc.array(mutated(valid[0], depth + 1), { maxLength: depth === 0 ? 30 : 5 }) });
  }
  if (valid && typeof valid === "object" && depth < 4) {
    const entries = Object.entries(valid as Record<string, unknown>).map(([k, v]) => [
      k,
      // Mostly kept: a document with every field hostile never gets past validation to the code behind it.
      fc.oneof({ weight: 20, arbitrary: mutated(v, depth + 1) }, { weight: 1, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.constant(undefined) }),
    ]);
    return fc.record(Object.fromEntries(entries) as Record<string, fc.Arbitrary<unknown>>);
  }
  return fc.oneof({ weight: 10, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: hostileValue });
}

/** A raw body: usually a mutated valid document, sometimes something that is not one at all. */
export function hostileBody(valid: unknown): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: mutated(valid).map((v) => JSON.stringify(v) ?? "") },
    { weight: 1, arbitrary: fc.constantFrom("", "null", "[]", "{", "shop=x&y=1", DEEP, '{"a":"\\u0000"}', JSON.stringify({ a: "x".repeat(3_000_000) })) },
    { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? "") },
  );
}

/** Header-safe text (a Request cannot even be built with a NUL or newline in a header). */
export const headerText = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{0,300}$/),
  fc.constantFrom("", "x".repeat(8_000), "not-a-shop", "evil.com", "a.myshopify.com.evil.com", "../.."),
);

// JSON.parse with the limits a hostile body needs: bounded nesting (a field nested 10,000 deep overflowed the
// stack in schema validation and logging), no NUL characters (PostgreSQL refuses \u0000 in text and jsonb,
// error 22P05, which surfaced as a 500) and no lone UTF-16 surrogates (PostgreSQL: "invalid input syntax for
// type json"; found by the fuzz suite). The depth scan is one pass over the characters, outside strings.
const MAX_JSON_DEPTH = 64;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type BoundedJson = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseBoundedJson(text: string, maxDepth = MAX_JSON_DEPTH): BoundedJson {
  if (text.trim() === "") return { ok: false, reason: "is empty; expected JSON" };
  if (depthOf(text) > maxDepth) return { ok: false, reason: `nests deeper than ${maxDepth} levels` };
  let bad: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v) => {
      for (const s of typeof v === "string" ? [key, v] : [key]) {
        if (s.includes("\u0000")) bad = "contains a NUL character (\\u0000)";
        else if (LONE_SURROGATE.test(s)) bad = "contains an unpaired UTF-16 surrogate";
      }
      return v;
    });
  } catch {
    return { ok: false, reason: "is not valid JSON" };
  }
  if (bad) return { ok: false, reason: bad };
  return { ok: true, value };
}

function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

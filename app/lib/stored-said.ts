// A `Said` kept in a text column (a delivery's or a partner link's `lastError`), so the page can say it in the
// reader's language later. Waypost's own messages are stored as "waypost:" + JSON; anything else in the column is a
// destination's (or Shopify's) own words, or a row written before this format: both are shown as they are.
import { z } from "zod";
import { type Said, verbatim } from "./said";

const PREFIX = "waypost:";
/** A destination's answer inside a stored message is cut here, as the plain columns always were. */
const MAX_VERBATIM = 500;

const Params = z.record(z.string(), z.union([z.string(), z.number()]));
const StoredSchema: z.ZodType<Said> = z.lazy(() =>
  z.union([
    z.object({ key: z.string().min(1), params: Params.optional() }).strict(),
    z.object({ verbatim: z.string() }).strict(),
    z.object({ parts: z.array(StoredSchema) }).strict(),
  ]),
);

function trimmed(said: Said): Said {
  if ("verbatim" in said) return verbatim(said.verbatim.slice(0, MAX_VERBATIM));
  if ("parts" in said) return { parts: said.parts.map(trimmed) };
  return said;
}

/** The column text for a message: a plain verbatim text stays plain (old readers and scripts see it unchanged). */
export function storeSaid(said: Said): string {
  const t = trimmed(said);
  // A destination's text that happens to start like a stored message is stored as one, so it reads back as text.
  return "verbatim" in t && !t.verbatim.startsWith(PREFIX) ? t.verbatim : PREFIX + JSON.stringify(t);
}

/** What a stored column says; anything that is not a readable Waypost message is shown exactly as stored. */
export function storedSaid(text: string): Said {
  if (!text.startsWith(PREFIX)) return verbatim(text);
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(text.slice(PREFIX.length)));
    return parsed.success ? parsed.data : verbatim(text);
  } catch {
    return verbatim(text);
  }
}

// zod issues → one FieldError per form field (the first message, as a key), at the field's form name.
import type { z } from "zod";
import { issueMessage, type FieldError } from "~/lib/field-errors";
import type { Said } from "~/lib/said";

/** A refusal that is not about one field carries `said` for the page (and `message` in English for scripts). */
export type FormResult<T = unknown> = { ok: true; value: T } | { ok: false; errors: FieldError[]; message?: string; said?: Said };

export function fieldErrorsOf(error: z.ZodError, rename: Record<string, string> = {}): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const i of error.issues) {
    const raw = i.path.join(".");
    const path = rename[raw] ?? raw;
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, ...issueMessage(i) });
  }
  return out;
}

// Reads an admin action's form. A body that is not a form is the client's mistake (415), not our crash (500);
// a NUL character is refused per field because PostgreSQL rejects it in text columns (22P05).
import { json } from "@remix-run/node";
import type { z } from "zod";
import type { FieldError } from "~/lib/field-errors";
import { say } from "~/lib/said";

type AdminForm = { ok: true; fields: Record<string, string>; all: (name: string) => string[] } | { ok: false; response: Response };

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

async function readAdminForm(request: Request): Promise<AdminForm> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    return { ok: false, response: json({ ok: false, intent: "", message: "Send the form as application/x-www-form-urlencoded or multipart/form-data", said: say("common:form.unreadable") }, { status: 415 }) };
  }
  let data: FormData;
  try {
    data = await request.formData();
  } catch {
    return { ok: false, response: json({ ok: false, intent: "", message: "The form could not be read; reload the page", said: say("common:form.unreadable") }, { status: 400 }) };
  }
  const fields: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [name, value] of data) {
    const text = typeof value === "string" ? value : "";
    if (text.includes("\u0000")) errors.push({ path: name, message: "no_nul" });
    fields[name] = text;
  }
  if (errors.length > 0) return { ok: false, response: json({ ok: false, intent: fields.intent ?? "", errors, message: "Check the highlighted fields.", said: say("common:form.checkFields") }, { status: 422 }) };
  return { ok: true, fields, all: (name) => data.getAll(name).map(String) };
}

/**
 * Reads the form and parses its intent. Intents that act on a row require its id: Prisma reads
 * `where: {id: undefined}` as no filter at all, so a missing id would act on every row of the shop.
 */
export async function readIntent<T>(request: Request, schema: z.ZodType<T>): Promise<{ ok: true; intent: T; fields: Record<string, string>; all: (name: string) => string[] } | { ok: false; response: Response }> {
  const form = await readAdminForm(request);
  if (!form.ok) return form;
  const parsed = schema.safeParse(form.fields);
  if (!parsed.success) {
    return { ok: false, response: json({ ok: false, intent: form.fields.intent ?? "", message: "The request was not understood; reload the page", said: say("common:form.notUnderstood") }, { status: 400 }) };
  }
  return { ok: true, intent: parsed.data, fields: form.fields, all: form.all };
}

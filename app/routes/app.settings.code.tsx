// Settings as code from the admin: GET downloads the shop's setup as one JSON document, POST imports one (with a
// dry run). The same service as `npm run waypost -- export|import`, so the admin and the CLI accept and refuse the
// same documents with the same messages.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { MAX_IMPORT_BYTES, type ImportResult, exportSetup, importSetup } from "~/services/shipping-config-io.server";
import { getShippingSetup } from "~/services/shipping-config.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  if (!(await getShippingSetup(session.shop))) return json({ message: "This shop is not installed" }, { status: 404 });
  const text = `${JSON.stringify(await exportSetup(session.shop), null, 2)}\n`;
  const file = `waypost-${session.shop.replace(/\.myshopify\.com$/, "").replace(/[^a-z0-9-]/gi, "")}-shipping.json`;
  return new Response(text, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${file}"`, "Cache-Control": "no-store" },
  });
};

const ImportRequest = z.object({ text: z.string(), dryRun: z.boolean() });

export type ImportAnswer = ImportResult | { ok: false; errors: { path: string; message: string; key?: string; params?: Record<string, string | number> }[] };

const TOO_LARGE = { path: "(document)", message: `the file is too large; the largest accepted is ${MAX_IMPORT_BYTES / 1024} KB`, key: "import_over_limit", params: { maxKb: MAX_IMPORT_BYTES / 1024 } };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  // Bounded before reading: the document itself may be up to MAX_IMPORT_BYTES, escaped once more inside the request.
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_IMPORT_BYTES * 2 + 1024) {
    return json<ImportAnswer>({ ok: false, errors: [TOO_LARGE] }, { status: 413 });
  }
  const raw = await request.text();
  if (raw.length > MAX_IMPORT_BYTES * 2 + 1024) {
    return json<ImportAnswer>({ ok: false, errors: [TOO_LARGE] }, { status: 413 });
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    body = null;
  }
  const parsed = ImportRequest.safeParse(body);
  if (!parsed.success) return json<ImportAnswer>({ ok: false, errors: [{ path: "(request)", message: "The upload could not be read; choose the file again.", key: "upload_unreadable" }] }, { status: 400 });
  const result = await importSetup(session.shop, parsed.data.text, { dryRun: parsed.data.dryRun });
  return json<ImportAnswer>(result, { status: result.ok ? 200 : 422 });
};

// One PDF of a batch's labels (or one label, for a reprint), merged on request from the stored label images.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { labelContext } from "~/services/labels/context.server";
import { mergedLabelPdf } from "~/services/labels/page.server";

const Query = z.object({ batchId: z.string().min(1).max(64).optional(), labelId: z.string().min(1).max(64).optional() });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const q = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success || (!q.data.batchId && !q.data.labelId)) return new Response("Name a batchId or a labelId", { status: 400 });
  const ctx = labelContext();
  const shop = await ctx.db.shop.findUnique({ where: { domain: session.shop }, select: { id: true } });
  if (!shop) return new Response("Shop not installed", { status: 404 });
  const pdf = await mergedLabelPdf(ctx, shop.id, q.data);
  if (!pdf) return new Response("No printable labels", { status: 404 });
  return new Response(Buffer.from(pdf), { headers: { "content-type": "application/pdf", "content-disposition": 'inline; filename="labels.pdf"', "cache-control": "no-store" } });
};

// Printing a batch (or one label, a reprint): `what=labels` one merged 4×6 PDF, `what=zpl` the ZPL labels joined for
// a thermal printer, `what=slips` the packing slips (one page per order) in the merchant's language.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { fixedT, getLocale } from "~/i18n/i18next.server";
import { labelContext } from "~/services/labels/context.server";
import { mergedLabelPdf } from "~/services/labels/page.server";
import { joinedZpl, packingSlips, type SlipText } from "~/services/labels/print.server";

const Query = z.object({
  batchId: z.string().min(1).max(64).optional(),
  labelId: z.string().min(1).max(64).optional(),
  what: z.enum(["labels", "zpl", "slips"]).default("labels"),
});

const slipText = (t: Awaited<ReturnType<typeof fixedT>>): SlipText => ({
  title: (order) => t("slip.title", { order }),
  shipTo: t("slip.shipTo"),
  item: t("slip.item"),
  sku: t("slip.sku"),
  quantity: t("slip.quantity"),
  tracking: t("slip.tracking"),
});

const FILES = {
  labels: { type: "application/pdf", name: "labels.pdf" },
  zpl: { type: "application/x-zpl; charset=utf-8", name: "labels.zpl" },
  slips: { type: "application/pdf", name: "packing-slips.pdf" },
} as const;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const q = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success || (!q.data.batchId && !q.data.labelId)) return new Response("Name a batchId or a labelId, and what=labels, zpl or slips", { status: 400 });
  const ctx = labelContext();
  const shop = await ctx.db.shop.findUnique({ where: { domain: session.shop }, select: { id: true } });
  if (!shop) return new Response("Shop not installed", { status: 404 });
  const { what, ...which } = q.data;
  const bytes =
    what === "zpl"
      ? await joinedZpl(ctx, shop.id, which)
      : what === "slips"
        ? await packingSlips(ctx, shop.id, which, slipText(await fixedT(await getLocale(request), "labels")), slipText(await fixedT("en", "labels")))
        : await mergedLabelPdf(ctx, shop.id, which);
  if (!bytes) return new Response(what === "zpl" ? "No ZPL labels here (this batch was bought as PDF)" : "No printable labels", { status: 404 });
  const file = FILES[what];
  return new Response(Buffer.from(bytes), { headers: { "content-type": file.type, "content-disposition": `inline; filename="${file.name}"`, "cache-control": "no-store" } });
};

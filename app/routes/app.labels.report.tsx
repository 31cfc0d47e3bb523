// The label report as CSV (per day, batch or month), fetched by the Labels page itself so the session token goes
// with it (a new tab on this URL would carry none in the real admin).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { labelContext } from "~/services/labels/context.server";
import { labelReport, reportCsv } from "~/services/labels/reports.server";

const PeriodSchema = z.enum(["day", "batch", "month"]).catch("day");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const ctx = labelContext();
  const shop = await ctx.db.shop.findUnique({ where: { domain: session.shop }, select: { id: true } });
  if (!shop) return new Response("Shop not installed", { status: 404 });
  const period = PeriodSchema.parse(new URL(request.url).searchParams.get("period") ?? "day");
  return new Response(reportCsv(await labelReport(ctx, shop.id, period), period), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="labels-${period}.csv"`, "cache-control": "no-store" },
  });
};

// The shop's NF-e settings: where the invoice and the marketplace's order id are read from.
import { NFE_FORM_FIELD_OF, nfeSettingsFromForm } from "~/admin/forms/nfe-settings-form";
import { fieldErrorsOf, type FormResult } from "~/admin/forms/field-errors";
import { shopByDomain, type TrackingContext } from "./context.server";

export async function saveNfeSettings(ctx: TrackingContext, shopDomain: string, raw: Record<string, unknown>): Promise<FormResult> {
  const shop = await shopByDomain(ctx, shopDomain);
  const parsed = nfeSettingsFromForm(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error, NFE_FORM_FIELD_OF) };
  await ctx.db.shop.update({ where: { id: shop.id }, data: { trackingSettings: parsed.data as never } });
  return { ok: true, value: parsed.data };
}

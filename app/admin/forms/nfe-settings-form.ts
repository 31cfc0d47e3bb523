// The NF-e settings form's flat fields ↔ the shop's TrackingSettings document.
import { TrackingSettingsSchema } from "~/domain/tracking/shop-tracking-settings";

/** Document paths → the form fields that edit them. */
export const NFE_FORM_FIELD_OF: Record<string, string> = {
  "nfeSource.namespace": "nfeNamespace",
  "nfeSource.key": "nfeKey",
  "nfeSource.name": "nfeAttribute",
  "channelOrderId.namespace": "refNamespace",
  "channelOrderId.key": "refKey",
  "channelOrderId.name": "refAttribute",
};

export function nfeSettingsFromForm(raw: Record<string, unknown>): ReturnType<typeof TrackingSettingsSchema.safeParse> {
  const nfeSource =
    raw.nfeKind === "metafield"
      ? { kind: "metafield", namespace: raw.nfeNamespace, key: raw.nfeKey }
      : raw.nfeKind === "attribute"
        ? { kind: "attribute", name: raw.nfeAttribute }
        : { kind: "tracking_number" };
  const channelOrderId =
    raw.refKind === "metafield" ? { kind: "metafield", namespace: raw.refNamespace, key: raw.refKey } : { kind: "attribute", name: raw.refAttribute };
  const origin = typeof raw.originCountry === "string" && raw.originCountry.trim() !== "" ? { originCountry: raw.originCountry.toUpperCase() } : {};
  return TrackingSettingsSchema.safeParse({ nfeSource, channelOrderId, ...origin });
}

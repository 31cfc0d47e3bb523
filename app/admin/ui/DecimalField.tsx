// A Polaris TextField for a decimal (price, weight, length, percent): it shows the value with the admin
// language's decimal mark ("7,50" in French) and passes on what the merchant types as typed; the shared parsers
// (app/admin/forms/form-units.ts) read a point or a comma.
import { TextField, type TextFieldProps } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { decimalMark, localizeDecimal } from "~/admin/forms/form-units";

export function DecimalField(props: Omit<TextFieldProps, "autoComplete" | "type" | "inputMode" | "value"> & { value: string; autoComplete?: string }) {
  const { i18n } = useTranslation();
  return <TextField autoComplete="off" {...props} inputMode="decimal" value={localizeDecimal(props.value, decimalMark(i18n.language))} />;
}

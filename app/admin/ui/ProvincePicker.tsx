// The province of an address or a zone: Shopify's own list (the codes its checkout sends) where Shopify asks a
// province (labelled as Shopify labels it there: State, Prefecture, …), a typed code elsewhere. Province names stay
// as Shopify publishes them (English); the list is searchable by name or code.
import { useMemo } from "react";
import { TextField } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { provinceOptions, provincesOf } from "~/lib/provinces";
import { SearchPicker } from "./SearchPicker";

export function ProvincePicker({ country, value, onChange, error, label }: { country: string; value: string; onChange: (code: string) => void; error?: string; label?: string }) {
  const { t } = useTranslation("common");
  const known = provincesOf(country);
  const options = useMemo(() => (known ? provinceOptions(known, value) : []), [known, value]);
  if (!known) {
    return <TextField label={label ?? t("provinceKinds.PROVINCE")} autoComplete="off" value={value} onChange={onChange} error={error} helpText={t("provincePicker.typedHelp")} />;
  }
  return <SearchPicker label={t(`provinceKinds.${known.label}`)} value={value} options={options} onChange={onChange} error={error} placeholder={t("provincePicker.choose")} noneText={t("provincePicker.none")} />;
}

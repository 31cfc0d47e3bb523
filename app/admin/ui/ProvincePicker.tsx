// The province of an address or a zone: Shopify's own list (the codes its checkout sends) where Shopify asks a
// province (labelled as Shopify labels it there: State, Prefecture, …), a typed code elsewhere. A stored code Shopify does not list stays selectable, so nothing is lost.
import { Select, TextField } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { provincesOf } from "~/lib/provinces";

export function ProvincePicker({ country, value, onChange, error, label }: { country: string; value: string; onChange: (code: string) => void; error?: string; label?: string }) {
  const { t } = useTranslation("common");
  const known = provincesOf(country);
  if (!known) {
    return <TextField label={label ?? t("provinceKinds.PROVINCE")} autoComplete="off" value={value} onChange={onChange} error={error} helpText={t("provincePicker.typedHelp")} />;
  }
  const options = known.provinces.map(([code, name]) => ({ label: `${name} (${code})`, value: code }));
  const stored = value && !options.some((o) => o.value === value.toUpperCase()) ? [{ label: value, value }] : [];
  return (
    <Select
      label={t(`provinceKinds.${known.label}`)}
      options={[{ label: t("provincePicker.choose"), value: "" }, ...stored, ...options]}
      value={options.some((o) => o.value === value.toUpperCase()) ? value.toUpperCase() : value}
      onChange={onChange}
      error={error}
    />
  );
}

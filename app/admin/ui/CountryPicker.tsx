// A searchable country picker over the full ISO list, names in the admin's language: typing "Allem", "Germ" or
// "DE" finds Germany. The value is the alpha-2 code.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useCountryNames } from "~/i18n/hooks";
import { countryOptions } from "~/lib/countries";
import { SearchPicker } from "./SearchPicker";

export function CountryPicker({ label, value, onChange, error }: { label: string; value: string; onChange: (code: string) => void; error?: string }) {
  const { t } = useTranslation("common");
  const names = useCountryNames();
  const options = useMemo(() => countryOptions(names), [names]);
  return <SearchPicker label={label} value={value} options={options} onChange={onChange} error={error} placeholder={t("countryPicker.search")} noneText={t("countryPicker.none")} />;
}

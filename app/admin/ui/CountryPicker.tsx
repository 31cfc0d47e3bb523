// A searchable country picker over the full ISO list (Polaris Combobox): typing filters by name or code, so a
// merchant finds "Deutschland"'s DE or "Brazil" without scrolling 249 options. The value is the alpha-2 code.
import { useMemo, useState } from "react";
import { Combobox, Listbox } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { countryOptions } from "~/lib/countries";

const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

export function CountryPicker({ label, value, onChange, error }: { label: string; value: string; onChange: (code: string) => void; error?: string }) {
  const { t } = useTranslation("common");
  const all = useMemo(() => countryOptions(), []);
  // null while the merchant is not typing: the field then shows the chosen country.
  const [query, setQuery] = useState<string | null>(null);
  const chosen = all.find((o) => o.value === value.toUpperCase());
  const shown = query === null ? all : all.filter((o) => fold(o.label).includes(fold(query.trim())));
  const pick = (code: string) => {
    onChange(code);
    setQuery(null);
  };
  return (
    <Combobox
      activator={
        <Combobox.TextField
          label={label}
          autoComplete="off"
          value={query ?? chosen?.label ?? value}
          onChange={setQuery}
          onBlur={() => setQuery(null)}
          placeholder={t("countryPicker.search")}
          error={error}
        />
      }
    >
      {shown.length > 0 ? (
        <Listbox onSelect={pick}>
          {shown.map((o) => (
            <Listbox.Option key={o.value} value={o.value} selected={o.value === chosen?.value} accessibilityLabel={o.label}>
              {o.label}
            </Listbox.Option>
          ))}
        </Listbox>
      ) : (
        <Listbox>
          <Listbox.Action value="" disabled>{t("countryPicker.none")}</Listbox.Action>
        </Listbox>
      )}
    </Combobox>
  );
}

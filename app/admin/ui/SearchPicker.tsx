// A searchable single choice (Polaris Combobox) for long lists: countries, and Shopify's provinces. Typing filters
// by what each option's `search` holds (name in the admin's language, English name, code); the value is a code.
import { useState } from "react";
import { Combobox, Listbox } from "@shopify/polaris";
import { filterOptions } from "~/lib/countries";

export interface PickerOption {
  label: string;
  value: string;
  search: string;
}

export function SearchPicker({ label, value, options, onChange, error, placeholder, noneText, helpText }: {
  label: string;
  value: string;
  options: readonly PickerOption[];
  onChange: (code: string) => void;
  error?: string;
  placeholder: string;
  noneText: string;
  helpText?: string;
}) {
  // null while the merchant is not typing: the field then shows the chosen option.
  const [query, setQuery] = useState<string | null>(null);
  const chosen = options.find((o) => o.value === value.toUpperCase()) ?? options.find((o) => o.value === value);
  const shown = query === null ? options : filterOptions(options, query);
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
          placeholder={placeholder}
          error={error}
          helpText={helpText}
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
          <Listbox.Action value="" disabled>{noneText}</Listbox.Action>
        </Listbox>
      )}
    </Combobox>
  );
}

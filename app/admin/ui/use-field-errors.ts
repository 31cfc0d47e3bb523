// One hook every admin form uses for its save errors: an error disappears as soon as the merchant changes the field
// it is about (see unfixedErrors), instead of staying red until the next save.
import { useRef } from "react";
import { type FieldError, unfixedErrors } from "~/lib/field-errors";

const NONE: FieldError[] = [];

/**
 * `errors` is the latest save's field errors (a new array per save answer); `form` is the form's current values,
 * keyed like the error paths. Returns the errors whose field has not been edited since that answer arrived.
 */
export function useFieldErrors<T extends FieldError>(errors: readonly T[] | undefined, form: unknown): T[] {
  const reported = useRef<{ errors: readonly T[] | undefined; form: unknown }>({ errors: undefined, form });
  if (reported.current.errors !== errors) reported.current = { errors, form };
  if (!errors || errors.length === 0) return NONE as T[];
  return unfixedErrors(errors, reported.current.form, form);
}

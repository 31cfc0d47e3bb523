// What a channel connector declares about its connect form, and the field builders every channel form shares.
// Every stored string has a maximum and refuses NUL: PostgreSQL rejects U+0000 in text (22P05), and an
// unbounded credential becomes an unbounded sealed row.
import { z } from "zod";

interface ChannelFormField {
  name: string;
  label: string;
  /** Never prefilled, sent as a password field. */
  secret?: boolean;
  help?: string;
  /** A select with these values (the first is the default). */
  options?: string[];
  /** Merchant-facing names of the options (the posted values stay the keys). */
  optionLabels?: Record<string, string>;
  /** A checkbox posted as "on". */
  checkbox?: boolean;
  placeholder?: string;
  /** Shown (and posted) only while another field has one of these values, e.g. Basic auth fields under Basic. */
  shownWhen?: { field: string; is: string[] };
}

/** What a connect form becomes: plain settings (validated by the connector's settingsSchema) and secrets. */
interface StoredChannel {
  settings: Record<string, unknown>;
  secrets: Record<string, string | undefined>;
  /** Settings-schema issue paths → form field names, so an error lands beside its input. */
  fieldOf?: Record<string, string>;
}

/** `message` is a key of errors.json (app/locales/<locale>/errors.json), `params` its values. */
export type FormFieldErrors = Array<{ path: string; message: string; params?: Record<string, string | number> }>;

export interface ChannelAdminForm {
  fields: readonly ChannelFormField[];
  /** Parses the posted fields of this channel only (the shared name / wants / inbound secret are parsed apart). */
  schema: z.ZodType<Record<string, unknown>>;
  toStored(form: Record<string, unknown>): StoredChannel | { errors: FormFieldErrors };
  /**
   * Where the connection sends, as one comparable string, so the same destination is not connected twice. Without
   * it, the stored settings themselves are compared.
   */
  destinationKey?(settings: Record<string, unknown>): string;
}

export interface SaveCheckOptions {
  production: boolean;
  allowLoopback: boolean;
  /** DNS resolver; tests pass a stub so nothing leaves loopback. */
  lookup?: (host: string) => Promise<string[]>;
}

export const LIMITS = {
  name: 80,
  id: 255,
  secret: 2048,
  host: 253,
  path: 2000,
  label: 100,
} as const;

const NUL = /\u0000/;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A required trimmed string of at most `max` characters. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`)
    .refine((s) => !NUL.test(s), `${label} cannot contain NUL characters`);
}

/** An optional trimmed string; a blank input counts as absent. */
export function optionalText(label: string, max: number) {
  return z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(max, `${label} must be at most ${max} characters`)
      .refine((s) => !NUL.test(s), `${label} cannot contain NUL characters`)
      .optional(),
  );
}

export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const optionalPort = z.preprocess(blank, z.coerce.number().int().min(1).max(65535).optional());

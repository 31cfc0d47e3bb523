// The admin's translations, checked (a step of `npm test`, and tests in check.test.ts):
//   1. every locale has every key of English, with the plural forms its language needs (Intl.PluralRules),
//   2. no locale has a key English lacks, and every English key is used somewhere in app/,
//   3. no user-visible text in admin and partner-portal JSX (app/routes/app.*.tsx, app/routes/partners.*.tsx,
//      app/components/**, app/admin/ui/**) is a literal: JSX text and
//      string props such as label/title/helpText/placeholder/content must come from t(...),
//   4. every text a carrier or channel connector declares for its connect form (labels, help, options, methods) has
//      its key in English: the pages look them up by a conventional key (carriers:carrier.<id>…, channels:form.<type>…).
// The AST walk uses TypeScript's compiler API, so strings in comments or type positions are never flagged.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { carrierRegistry } from "../../app/carriers/registry.server";
import { CHANNEL_TYPES, getConnector } from "../../app/channels/registry.server";
import { LOCALES } from "../../app/i18n/config";

export interface Problem {
  kind: "missing" | "extra" | "unused" | "literal" | "invalid";
  where: string;
  detail: string;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Props whose string value a merchant reads (Polaris and App Bridge components). */
export const TEXT_PROPS = new Set([
  "label", "title", "helpText", "placeholder", "content", "heading", "description", "tooltip", "accessibilityLabel",
  "aria-label", "emptyStateText", "queryPlaceholder", "prefix", "suffix", "labelHidden", "secondaryActions", "subtitle", "message",
]);
/** Brand names, units and symbols that read the same in every language. Keep it short. */
export const ALLOWLIST = new Set(["Waypost", "UPS", "USPS", "Shopify", "HS", "kg", "lb", "g", "oz", "cm", "in", "mm", "%", "×", "·", "—", "–", "›", "/", ":", "@", "#", "ms", "p50", "p95", "JSON", "HMAC", "URL", "ID", "OK", "Bearer"]);

/**
 * Admin files that arrived with the home/UX merge and are NOT translated yet (English only): the check lists their
 * literals as "pending" without failing. Documented in docs/i18n.md; remove a file from here once it is translated.
 */
export const PENDING_FILES = new Set<string>([]);

type Messages = Record<string, unknown>;

function flatten(obj: Messages, prefix = "", out: Map<string, string> = new Map()): Map<string, string> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") flatten(v as Messages, key, out);
    else out.set(key, String(v));
  }
  return out;
}

/** locale → namespace → flat key → text. */
export function readLocales(dir: string): Map<string, Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, Map<string, string>>>();
  for (const locale of fs.readdirSync(dir)) {
    const nsMap = new Map<string, Map<string, string>>();
    for (const file of fs.readdirSync(path.join(dir, locale)).filter((f) => f.endsWith(".json"))) {
      nsMap.set(file.replace(/\.json$/, ""), flatten(JSON.parse(fs.readFileSync(path.join(dir, locale, file), "utf8")) as Messages));
    }
    out.set(locale, nsMap);
  }
  return out;
}

const base = (key: string) => key.replace(PLURAL, "");
const interpolations = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

/** Missing, extra and plural problems of every locale against English. */
export function compareLocales(locales: Map<string, Map<string, Map<string, string>>>, expected: readonly string[] = LOCALES): Problem[] {
  const problems: Problem[] = [];
  const en = locales.get("en");
  if (!en) return [{ kind: "missing", where: "en", detail: "no English messages" }];
  for (const locale of expected) if (!locales.has(locale)) problems.push({ kind: "missing", where: locale, detail: "the locale has no messages" });
  for (const [locale, nsMap] of locales) {
    if (!expected.includes(locale)) problems.push({ kind: "extra", where: locale, detail: "not a supported locale (app/i18n/config.ts LOCALES)" });
    if (locale === "en") continue;
    const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    for (const [ns, enKeys] of en) {
      const keys = nsMap.get(ns) ?? new Map<string, string>();
      const seenPlural = new Set<string>();
      for (const [key, enText] of enKeys) {
        if (PLURAL.test(key)) {
          const b = base(key);
          if (seenPlural.has(b)) continue;
          seenPlural.add(b);
          for (const c of categories) {
            if (!keys.has(`${b}_${c}`)) problems.push({ kind: "missing", where: `${locale}/${ns}.json`, detail: `${b}_${c} (plural form for ${locale})` });
          }
          continue;
        }
        const text = keys.get(key);
        if (text === undefined) problems.push({ kind: "missing", where: `${locale}/${ns}.json`, detail: key });
        else if (interpolations(text).join() !== interpolations(enText).join()) {
          problems.push({ kind: "invalid", where: `${locale}/${ns}.json`, detail: `${key}: uses {{${interpolations(text).join("}}, {{")}}} but English uses {{${interpolations(enText).join("}}, {{")}}}` });
        } else if (!text.trim()) problems.push({ kind: "invalid", where: `${locale}/${ns}.json`, detail: `${key} is empty` });
      }
      for (const key of keys.keys()) {
        const known = enKeys.has(key) || (PLURAL.test(key) && [...enKeys.keys()].some((k) => base(k) === base(key)));
        if (!known) problems.push({ kind: "extra", where: `${locale}/${ns}.json`, detail: `${key} (not in English)` });
      }
    }
    for (const ns of nsMap.keys()) if (!en.has(ns)) problems.push({ kind: "extra", where: `${locale}/${ns}.json`, detail: "namespace not in English" });
  }
  return problems;
}

function walkFiles(dir: string, accept: (file: string) => boolean, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walkFiles(full, accept, out);
    else if (accept(full)) out.push(full);
  }
  return out;
}

const parse = (file: string, text = fs.readFileSync(file, "utf8")) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

/** Every string literal in the code, and every template literal's leading text (a dynamic key's prefix). */
export function stringsInCode(files: readonly string[]): { literals: Set<string>; prefixes: Set<string> } {
  const literals = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of files) {
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
      else if (ts.isTemplateExpression(node) && node.head.text) prefixes.add(node.head.text);
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return { literals, prefixes };
}

/** English keys no code refers to: neither as "ns:key", nor as "key", nor under a dynamic `prefix.${…}`. */
export function unusedKeys(en: Map<string, Map<string, string>>, code: { literals: Set<string>; prefixes: Set<string> }): Problem[] {
  const problems: Problem[] = [];
  const prefixes = [...code.prefixes];
  for (const [ns, keys] of en) {
    const seen = new Set<string>();
    for (const raw of keys.keys()) {
      const key = base(raw);
      if (seen.has(key)) continue;
      seen.add(key);
      // errors.fields.* and errors.path.* are looked up by a field's name (app/i18n/messages.ts).
      if (ns === "errors" && (key.startsWith("fields.") || key.startsWith("path."))) continue;
      const used =
        code.literals.has(`${ns}:${key}`) ||
        code.literals.has(key) ||
        prefixes.some((p) => key.startsWith(p) || `${ns}:${key}`.startsWith(p));
      if (!used) problems.push({ kind: "unused", where: `en/${ns}.json`, detail: key });
    }
  }
  return problems;
}

// A word with a lowercase letter: codes and examples such as "CA, ON, SP" or "SW1A" are not prose.
const hasWords = (s: string) => /\p{L}*\p{Ll}\p{L}*/u.test(s) && /\p{L}{2,}/u.test(s) && !ALLOWLIST.has(s.trim());

function isTranslationCall(node: ts.Node): boolean {
  // t("key"), i18n.t("key"), <Trans i18nKey="…">: whatever is inside is a key, not text.
  let cur: ts.Node | undefined = node.parent;
  while (cur && !ts.isJsxElement(cur) && !ts.isSourceFile(cur)) {
    if (ts.isCallExpression(cur)) {
      const callee = cur.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
      if (name === "t" || name === "tError" || name === "exists") return true;
    }
    cur = cur.parent;
  }
  return false;
}

function literalText(node: ts.Expression): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isConditionalExpression(node)) return [literalText(node.whenTrue), literalText(node.whenFalse)].filter(Boolean).join(" ") || null;
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || node.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
    return [literalText(node.left), literalText(node.right)].filter(Boolean).join(" ") || null;
  }
  return null;
}

/** User-visible literals in one admin file: JSX text, `{"…"}` children, text props and { content/label/title: "…" }. */
export function untranslatedLiterals(file: string, text?: string): Problem[] {
  const source = parse(file, text);
  const problems: Problem[] = [];
  const report = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    problems.push({ kind: "literal", where: `${path.relative(process.cwd(), file)}:${line + 1}`, detail: what.trim().replace(/\s+/g, " ").slice(0, 80) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) && !isTranslationCall(node.expression)) {
      const s = literalText(node.expression);
      if (s && hasWords(s)) report(node, s);
    } else if (ts.isJsxAttribute(node) && TEXT_PROPS.has(node.name.getText(source)) && node.initializer) {
      const init = node.initializer;
      const s = ts.isStringLiteral(init) ? init.text : ts.isJsxExpression(init) && init.expression && !isTranslationCall(init.expression) ? literalText(init.expression) : null;
      if (s && hasWords(s)) report(node, `${node.name.getText(source)}="${s}"`);
    } else if (ts.isPropertyAssignment(node) && ["content", "label", "title", "heading", "singular", "plural", "helpText"].includes(node.name.getText(source))) {
      const s = literalText(node.initializer);
      if (s && hasWords(s) && !isTranslationCall(node.initializer)) report(node, `${node.name.getText(source)}: "${s}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

/** What a connector declares for its form, reduced to what the key convention needs. */
export interface DeclaredForms {
  carriers: { id: string; fields: readonly { name: string; label: string; help?: string; section?: string; options?: readonly { label: string; value: string }[] }[]; methods: readonly { id: string }[] }[];
  channels: { type: string; fields: readonly { name: string; help?: string; options?: readonly string[]; optionLabels?: Record<string, string> }[] }[];
}

export function declaredForms(): DeclaredForms {
  return {
    carriers: carrierRegistry.ids().flatMap((id) => {
      const admin = carrierRegistry.get(id)?.admin;
      return admin ? [{ id, fields: admin.fields, methods: admin.methods }] : [];
    }),
    channels: CHANNEL_TYPES.map((type) => ({ type, fields: getConnector(type)!.form.fields })),
  };
}

/**
 * The keys the carrier page (app/routes/app.carriers.$carrierId.tsx) and the channels page look a connector's
 * declared form text up by. A label without words ("CRID") reads the same everywhere and needs none.
 */
export function declaredKeys(forms: DeclaredForms): string[] {
  const keys: string[] = [];
  for (const c of forms.carriers) {
    const at = `carriers:carrier.${c.id}`;
    for (const f of c.fields) {
      if (hasWords(f.label)) keys.push(`${at}.fields.${f.name}.label`);
      if (f.help) keys.push(`${at}.fields.${f.name}.help`);
      if (f.section) keys.push(`${at}.fields.${f.name}.section`);
      for (const o of f.options ?? []) if (hasWords(o.label)) keys.push(`${at}.fields.${f.name}.options.${o.value || "none"}`);
    }
    for (const m of c.methods) keys.push(`${at}.methods.${m.id}.label`, `${at}.methods.${m.id}.submit`);
  }
  for (const ch of forms.channels) {
    keys.push(`channels:types.${ch.type}`);
    const at = `channels:form.${ch.type}`;
    for (const f of ch.fields) {
      keys.push(`${at}.${f.name}.label`);
      if (f.help) keys.push(`${at}.${f.name}.help`);
      if (f.optionLabels) for (const o of f.options ?? []) keys.push(`${at}.${f.name}.options.${o}`);
    }
  }
  return keys;
}

/** Declared form text without its English key: the page would show the raw key (or English) to every merchant. */
export function missingDeclared(en: Map<string, Map<string, string>>, keys: readonly string[]): Problem[] {
  return keys
    .filter((k) => {
      const [ns, key] = k.split(":");
      return !en.get(ns)?.has(key);
    })
    .map((k) => ({ kind: "missing" as const, where: `en/${k.split(":")[0]}.json`, detail: `${k.split(":")[1]} (declared by a connector's form)` }));
}

export function adminFiles(root: string): string[] {
  // The partner portal (partners.*) is read by providers outside the Shopify admin: the same rule applies.
  const routes = fs.readdirSync(path.join(root, "app/routes")).filter((f) => /^(app|partners)(\..+)?\.tsx$/.test(f)).map((f) => path.join(root, "app/routes", f));
  const components = walkFiles(path.join(root, "app/components"), (f) => /\.tsx$/.test(f) && !/\.test\.tsx$/.test(f));
  // Shared admin pieces (pickers, save bar, settings as code) render merchant text too.
  const adminUi = walkFiles(path.join(root, "app/admin/ui"), (f) => /\.tsx$/.test(f) && !/\.test\.tsx$/.test(f));
  return [...routes, ...components, ...adminUi];
}

export function checkAll(root: string): Problem[] {
  const locales = readLocales(path.join(root, "app/locales"));
  const code = stringsInCode(walkFiles(path.join(root, "app"), (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes(`${path.sep}generated${path.sep}`)));
  return [
    ...compareLocales(locales),
    ...unusedKeys(locales.get("en") ?? new Map(), code),
    ...missingDeclared(locales.get("en") ?? new Map(), declaredKeys(declaredForms())),
    ...adminFiles(root)
      .filter((f) => !PENDING_FILES.has(path.relative(root, f).split(path.sep).join("/")))
      .flatMap((f) => untranslatedLiterals(f)),
  ];
}

/** The literals of the files still pending translation, for the report. */
export function pendingLiterals(root: string): Problem[] {
  return [...PENDING_FILES].flatMap((f) => untranslatedLiterals(path.join(root, f)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const problems = checkAll(process.cwd());
  const pending = pendingLiterals(process.cwd());
  if (pending.length) process.stdout.write(`pending: ${pending.length} English literals in ${PENDING_FILES.size} files not translated yet (scripts/i18n/check.ts PENDING_FILES)\n`);
  for (const p of problems) process.stdout.write(`${p.kind.padEnd(8)} ${p.where}  ${p.detail}\n`);
  process.stdout.write(problems.length ? `\n${problems.length} translation problems (see docs/i18n.md)\n` : "translations: every key in every locale, no literal text in the admin\n");
  process.exit(problems.length ? 1 : 0);
}

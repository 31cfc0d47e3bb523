import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkSchemas, HEADER, POSTGRES_SCHEMA, SOURCE_SCHEMA, toPostgresSchema, writePostgresSchema } from "./schemas";

const source = `generator client {
  provider     = "prisma-client"
  output       = "../app/generated/sqlite"
}

datasource db {
  provider = "sqlite"
}

model A {
  id String @id
}
`;

function tempRoot(schema = source): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "waypost-schemas-"));
  fs.mkdirSync(path.join(root, "prisma"));
  fs.writeFileSync(path.join(root, SOURCE_SCHEMA), schema);
  return root;
}

describe("the PostgreSQL schema generated from prisma/schema.prisma", () => {
  it("changes only the provider and the client output, under a do-not-edit header", () => {
    const out = toPostgresSchema(source);
    expect(out.startsWith(HEADER)).toBe(true);
    expect(out).toContain('provider = "postgresql"');
    expect(out).toContain('output       = "../../app/generated/postgresql"');
    expect(out).toContain("model A {\n  id String @id\n}");
    expect(out).not.toContain("sqlite");
  });

  it("checkSchemas passes after generation and names the file and the fix when the generated file drifts", () => {
    const root = tempRoot();
    expect(() => checkSchemas(root)).toThrow(/is missing.*npm run db:generate/s);
    expect(writePostgresSchema(root)).toBe(true);
    expect(writePostgresSchema(root)).toBe(false);
    expect(() => checkSchemas(root)).not.toThrow();
    fs.appendFileSync(path.join(root, SOURCE_SCHEMA), "model B {\n  id String @id\n}\n");
    expect(() => checkSchemas(root)).toThrow(new RegExp(`${POSTGRES_SCHEMA} differs from ${SOURCE_SCHEMA}`));
    fs.rmSync(root, { recursive: true });
  });

  it("refuses a source schema that is not SQLite", () => {
    expect(() => toPostgresSchema(source.replace('"sqlite"\n}', '"mysql"\n}'))).toThrow(/provider = "sqlite"/);
  });
});

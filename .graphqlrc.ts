// GraphQL codegen for Admin API operations, as in Shopify's app template: every `#graphql` operation in app/ is
// typed into app/types/admin.generated.d.ts. The preset reads the schema from app/types/admin-2025-10.schema.json
// when that file exists; ours is built from the subset in app/shopify/graphql/schema/ because shopify.dev is not
// reachable from our machines (scripts/graphql-codegen.ts). WAYPOST_CODEGEN_OUT lets the drift check generate
// into a scratch folder.
import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";

export const ADMIN_API_VERSION = "2025-10";

export default {
  schema: `${process.env.WAYPOST_CODEGEN_OUT ?? "./app/types"}/admin-${ADMIN_API_VERSION}.schema.json`,
  documents: ["./app/**/*.{ts,tsx}", "!./app/generated/**", "!./app/types/**"],
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion: ADMIN_API_VERSION,
      documents: ["./app/**/*.{ts,tsx}", "!./app/generated/**", "!./app/types/**"],
      outputDir: process.env.WAYPOST_CODEGEN_OUT ?? "./app/types",
    }),
  },
};

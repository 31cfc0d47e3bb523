// The shop's own email addresses (the account owner's shop email and the customer-facing contact email), read at
// install so a provider's invitation sent to one of them can be found at shop/redact (docs/3pl.md, Privacy).
import { z } from "zod";
import type { ShopContactEmailsQueryVariables } from "~/types/admin.generated";
import { defineOperation } from "../admin-operations.server";

const Result = z.object({ shop: z.object({ email: z.string().nullish(), contactEmail: z.string().nullish() }) });

export const ShopContactEmails = defineOperation<ShopContactEmailsQueryVariables, z.infer<typeof Result>>(
  "ShopContactEmails",
  `#graphql
  query ShopContactEmails {
    shop { email contactEmail }
  }`,
  Result,
);

// Every Admin API mutation answers `userErrors { field message }`; one schema checks them all.
import { z } from "zod";

export const UserErrorsSchema = z.array(z.object({ field: z.array(z.string()).nullish(), message: z.string() }));

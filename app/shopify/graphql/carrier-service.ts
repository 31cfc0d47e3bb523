// Admin API operations for Waypost's carrier service (Shopify calls it for rates at checkout).
import { z } from "zod";
import type {
  CarrierServiceCreateMutationVariables,
  CarrierServiceUpdateMutationVariables,
  CarrierServicesQueryVariables,
} from "~/types/admin.generated";
import { defineOperation } from "../admin-operations.server";
import { UserErrorsSchema as UserErrors } from "../user-errors";

const CarrierService = z.object({
  id: z.string(),
  name: z.string().nullish(),
  callbackUrl: z.string().nullish(),
  active: z.boolean(),
});

export const CarrierServicesQuery = defineOperation<CarrierServicesQueryVariables, { carrierServices: { nodes: z.infer<typeof CarrierService>[] } }>(
  "CarrierServices",
  `#graphql
  query CarrierServices {
    carrierServices(first: 50) { nodes { id name callbackUrl active } }
  }`,
  z.object({ carrierServices: z.object({ nodes: z.array(CarrierService) }) }),
);

const MutationResult = z.object({ carrierService: CarrierService.nullish(), userErrors: UserErrors });
type CarrierServiceMutationResult = z.infer<typeof MutationResult>;

export const CarrierServiceCreate = defineOperation<CarrierServiceCreateMutationVariables, { carrierServiceCreate: CarrierServiceMutationResult }>(
  "CarrierServiceCreate",
  `#graphql
  mutation CarrierServiceCreate($input: DeliveryCarrierServiceCreateInput!) {
    carrierServiceCreate(input: $input) {
      carrierService { id name callbackUrl active }
      userErrors { field message }
    }
  }`,
  z.object({ carrierServiceCreate: MutationResult }),
);

export const CarrierServiceUpdate = defineOperation<CarrierServiceUpdateMutationVariables, { carrierServiceUpdate: CarrierServiceMutationResult }>(
  "CarrierServiceUpdate",
  `#graphql
  mutation CarrierServiceUpdate($input: DeliveryCarrierServiceUpdateInput!) {
    carrierServiceUpdate(input: $input) {
      carrierService { id name callbackUrl active }
      userErrors { field message }
    }
  }`,
  z.object({ carrierServiceUpdate: MutationResult }),
);

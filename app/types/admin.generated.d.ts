/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type CarrierServicesQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type CarrierServicesQuery = { carrierServices: { nodes: Array<Pick<AdminTypes.DeliveryCarrierService, 'id' | 'name' | 'callbackUrl' | 'active'>> } };

export type CarrierServiceCreateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.DeliveryCarrierServiceCreateInput;
}>;


export type CarrierServiceCreateMutation = { carrierServiceCreate?: AdminTypes.Maybe<{ carrierService?: AdminTypes.Maybe<Pick<AdminTypes.DeliveryCarrierService, 'id' | 'name' | 'callbackUrl' | 'active'>>, userErrors: Array<Pick<AdminTypes.CarrierServiceCreateUserError, 'field' | 'message'>> }> };

export type CarrierServiceUpdateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.DeliveryCarrierServiceUpdateInput;
}>;


export type CarrierServiceUpdateMutation = { carrierServiceUpdate?: AdminTypes.Maybe<{ carrierService?: AdminTypes.Maybe<Pick<AdminTypes.DeliveryCarrierService, 'id' | 'name' | 'callbackUrl' | 'active'>>, userErrors: Array<Pick<AdminTypes.CarrierServiceUpdateUserError, 'field' | 'message'>> }> };

export type FulfillmentEventCreateMutationVariables = AdminTypes.Exact<{
  fulfillmentEvent: AdminTypes.FulfillmentEventInput;
}>;


export type FulfillmentEventCreateMutation = { fulfillmentEventCreate?: AdminTypes.Maybe<{ fulfillmentEvent?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentEvent, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type OrderContextQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  nfeNamespace: AdminTypes.Scalars['String']['input'];
  nfeKey: AdminTypes.Scalars['String']['input'];
  refNamespace: AdminTypes.Scalars['String']['input'];
  refKey: AdminTypes.Scalars['String']['input'];
}>;


export type OrderContextQuery = { order?: AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'sourceName' | 'tags'>
    & { channelInformation?: AdminTypes.Maybe<{ channelDefinition?: AdminTypes.Maybe<Pick<AdminTypes.ChannelDefinition, 'handle' | 'channelName'>> }>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2'>>, customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, nfe?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, channelOrderRef?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, lineItems: { nodes: Array<Pick<AdminTypes.LineItem, 'sku' | 'title' | 'quantity'>> } }
  )> };

export type OrderContextsQueryVariables = AdminTypes.Exact<{
  ids: Array<AdminTypes.Scalars['ID']['input']> | AdminTypes.Scalars['ID']['input'];
  nfeNamespace: AdminTypes.Scalars['String']['input'];
  nfeKey: AdminTypes.Scalars['String']['input'];
  refNamespace: AdminTypes.Scalars['String']['input'];
  refKey: AdminTypes.Scalars['String']['input'];
}>;


export type OrderContextsQuery = { nodes: Array<AdminTypes.Maybe<(
    Pick<AdminTypes.Order, 'id' | 'name' | 'sourceName' | 'tags'>
    & { channelInformation?: AdminTypes.Maybe<{ channelDefinition?: AdminTypes.Maybe<Pick<AdminTypes.ChannelDefinition, 'handle' | 'channelName'>> }>, shippingAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2'>>, customAttributes: Array<Pick<AdminTypes.Attribute, 'key' | 'value'>>, nfe?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, channelOrderRef?: AdminTypes.Maybe<Pick<AdminTypes.Metafield, 'value'>>, lineItems: { nodes: Array<Pick<AdminTypes.LineItem, 'sku' | 'title' | 'quantity'>> } }
  )>> };

export type ShopProductsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopProductsQuery = { products: { nodes: Array<(
      Pick<AdminTypes.Product, 'id' | 'title'>
      & { variants: { nodes: Array<(
          Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'sku'>
          & { inventoryItem: { measurement: { weight?: AdminTypes.Maybe<Pick<AdminTypes.Weight, 'value' | 'unit'>> } } }
        )> } }
    )> } };

interface GeneratedQueryTypes {
  "#graphql\n  query CarrierServices {\n    carrierServices(first: 50) { nodes { id name callbackUrl active } }\n  }": {return: CarrierServicesQuery, variables: CarrierServicesQueryVariables},
  "#graphql\nquery OrderContext($id: ID!, $nfeNamespace: String!, $nfeKey: String!, $refNamespace: String!, $refKey: String!) {\n  order(id: $id) {\n    id\n    name\n    sourceName\n    tags\n    channelInformation { channelDefinition { handle channelName } }\n    shippingAddress { countryCodeV2 }\n    customAttributes { key value }\n    nfe: metafield(namespace: $nfeNamespace, key: $nfeKey) { value }\n    channelOrderRef: metafield(namespace: $refNamespace, key: $refKey) { value }\n    lineItems(first: 50) { nodes { sku title quantity } }\n  }\n}": {return: OrderContextQuery, variables: OrderContextQueryVariables},
  "#graphql\nquery OrderContexts($ids: [ID!]!, $nfeNamespace: String!, $nfeKey: String!, $refNamespace: String!, $refKey: String!) {\n  nodes(ids: $ids) {\n    ... on Order {\n      id\n      name\n      sourceName\n      tags\n      channelInformation { channelDefinition { handle channelName } }\n      shippingAddress { countryCodeV2 }\n      customAttributes { key value }\n      nfe: metafield(namespace: $nfeNamespace, key: $nfeKey) { value }\n      channelOrderRef: metafield(namespace: $refNamespace, key: $refKey) { value }\n      lineItems(first: 50) { nodes { sku title quantity } }\n    }\n  }\n}": {return: OrderContextsQuery, variables: OrderContextsQueryVariables},
  "#graphql\n  query ShopProducts {\n    products(first: 100) {\n      nodes {\n        id\n        title\n        variants(first: 100) {\n          nodes { id title sku inventoryItem { measurement { weight { value unit } } } }\n        }\n      }\n    }\n  }": {return: ShopProductsQuery, variables: ShopProductsQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation CarrierServiceCreate($input: DeliveryCarrierServiceCreateInput!) {\n    carrierServiceCreate(input: $input) {\n      carrierService { id name callbackUrl active }\n      userErrors { field message }\n    }\n  }": {return: CarrierServiceCreateMutation, variables: CarrierServiceCreateMutationVariables},
  "#graphql\n  mutation CarrierServiceUpdate($input: DeliveryCarrierServiceUpdateInput!) {\n    carrierServiceUpdate(input: $input) {\n      carrierService { id name callbackUrl active }\n      userErrors { field message }\n    }\n  }": {return: CarrierServiceUpdateMutation, variables: CarrierServiceUpdateMutationVariables},
  "#graphql\n  mutation FulfillmentEventCreate($fulfillmentEvent: FulfillmentEventInput!) {\n    fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {\n      fulfillmentEvent { id status }\n      userErrors { field message }\n    }\n  }": {return: FulfillmentEventCreateMutation, variables: FulfillmentEventCreateMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}

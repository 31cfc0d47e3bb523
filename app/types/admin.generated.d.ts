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

export type FulfillmentCreateMutationVariables = AdminTypes.Exact<{
  fulfillment: AdminTypes.FulfillmentInput;
}>;


export type FulfillmentCreateMutation = { fulfillmentCreate?: AdminTypes.Maybe<{ fulfillment?: AdminTypes.Maybe<Pick<AdminTypes.Fulfillment, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type OpenFulfillmentOrdersQueryVariables = AdminTypes.Exact<{
  first: AdminTypes.Scalars['Int']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  query: AdminTypes.Scalars['String']['input'];
}>;


export type OpenFulfillmentOrdersQuery = { fulfillmentOrders: { nodes: Array<(
      Pick<AdminTypes.FulfillmentOrder, 'id' | 'status' | 'requestStatus'>
      & { order: (
        Pick<AdminTypes.Order, 'id' | 'name' | 'sourceName'>
        & { shippingLine?: AdminTypes.Maybe<(
          Pick<AdminTypes.ShippingLine, 'code' | 'title'>
          & { originalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
        )> }
      ), destination?: AdminTypes.Maybe<Pick<AdminTypes.FulfillmentOrderDestination, 'firstName' | 'lastName' | 'company' | 'address1' | 'address2' | 'city' | 'province' | 'zip' | 'countryCode' | 'phone' | 'email'>>, assignedLocation: Pick<AdminTypes.FulfillmentOrderAssignedLocation, 'name' | 'address1' | 'address2' | 'city' | 'province' | 'zip' | 'countryCode' | 'phone'>, lineItems: { nodes: Array<(
          Pick<AdminTypes.FulfillmentOrderLineItem, 'id' | 'sku' | 'productTitle' | 'remainingQuantity'>
          & { weight?: AdminTypes.Maybe<Pick<AdminTypes.Weight, 'unit' | 'value'>>, variant?: AdminTypes.Maybe<(
            Pick<AdminTypes.ProductVariant, 'id'>
            & { inventoryItem: Pick<AdminTypes.InventoryItem, 'harmonizedSystemCode' | 'countryCodeOfOrigin'> }
          )>, originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> } }
        )> } }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type FulfillmentTrackingInfoUpdateMutationVariables = AdminTypes.Exact<{
  fulfillmentId: AdminTypes.Scalars['ID']['input'];
  trackingInfoInput: AdminTypes.FulfillmentTrackingInput;
  notifyCustomer?: AdminTypes.InputMaybe<AdminTypes.Scalars['Boolean']['input']>;
}>;


export type FulfillmentTrackingInfoUpdateMutation = { fulfillmentTrackingInfoUpdate?: AdminTypes.Maybe<{ fulfillment?: AdminTypes.Maybe<Pick<AdminTypes.Fulfillment, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

export type FulfillmentCancelMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type FulfillmentCancelMutation = { fulfillmentCancel?: AdminTypes.Maybe<{ fulfillment?: AdminTypes.Maybe<Pick<AdminTypes.Fulfillment, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.UserError, 'field' | 'message'>> }> };

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

export type ShopVariantsQueryVariables = AdminTypes.Exact<{
  first?: AdminTypes.InputMaybe<AdminTypes.Scalars['Int']['input']>;
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
  last?: AdminTypes.InputMaybe<AdminTypes.Scalars['Int']['input']>;
  before?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type ShopVariantsQuery = { shop: Pick<AdminTypes.Shop, 'weightUnit' | 'unitSystem'>, productVariants: { nodes: Array<(
      Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'sku'>
      & { product: Pick<AdminTypes.Product, 'id' | 'title'>, inventoryItem: { measurement: { weight?: AdminTypes.Maybe<Pick<AdminTypes.Weight, 'value' | 'unit'>> } } }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'hasPreviousPage' | 'startCursor' | 'endCursor'> } };

export type ShopContactEmailsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type ShopContactEmailsQuery = { shop: Pick<AdminTypes.Shop, 'email' | 'contactEmail'> };

interface GeneratedQueryTypes {
  "#graphql\n  query CarrierServices {\n    carrierServices(first: 50) { nodes { id name callbackUrl active } }\n  }": {return: CarrierServicesQuery, variables: CarrierServicesQueryVariables},
  "#graphql\n  query OpenFulfillmentOrders($first: Int!, $after: String, $query: String!) {\n    fulfillmentOrders(first: $first, after: $after, query: $query) {\n      nodes {\n        id status requestStatus\n        order { id name sourceName shippingLine { code title originalPriceSet { shopMoney { amount currencyCode } } } }\n        destination { firstName lastName company address1 address2 city province zip countryCode phone email }\n        assignedLocation { name address1 address2 city province zip countryCode phone }\n        lineItems(first: 50) {\n          nodes {\n            id sku productTitle remainingQuantity weight { unit value }\n            variant { id inventoryItem { harmonizedSystemCode countryCodeOfOrigin } }\n            originalUnitPriceSet { shopMoney { amount currencyCode } }\n          }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }": {return: OpenFulfillmentOrdersQuery, variables: OpenFulfillmentOrdersQueryVariables},
  "#graphql\nquery OrderContext($id: ID!, $nfeNamespace: String!, $nfeKey: String!, $refNamespace: String!, $refKey: String!) {\n  order(id: $id) {\n    id\n    name\n    sourceName\n    tags\n    channelInformation { channelDefinition { handle channelName } }\n    shippingAddress { countryCodeV2 }\n    customAttributes { key value }\n    nfe: metafield(namespace: $nfeNamespace, key: $nfeKey) { value }\n    channelOrderRef: metafield(namespace: $refNamespace, key: $refKey) { value }\n    lineItems(first: 50) { nodes { sku title quantity } }\n  }\n}": {return: OrderContextQuery, variables: OrderContextQueryVariables},
  "#graphql\nquery OrderContexts($ids: [ID!]!, $nfeNamespace: String!, $nfeKey: String!, $refNamespace: String!, $refKey: String!) {\n  nodes(ids: $ids) {\n    ... on Order {\n      id\n      name\n      sourceName\n      tags\n      channelInformation { channelDefinition { handle channelName } }\n      shippingAddress { countryCodeV2 }\n      customAttributes { key value }\n      nfe: metafield(namespace: $nfeNamespace, key: $nfeKey) { value }\n      channelOrderRef: metafield(namespace: $refNamespace, key: $refKey) { value }\n      lineItems(first: 50) { nodes { sku title quantity } }\n    }\n  }\n}": {return: OrderContextsQuery, variables: OrderContextsQueryVariables},
  "#graphql\n  query ShopVariants($first: Int, $after: String, $last: Int, $before: String) {\n    shop { weightUnit unitSystem }\n    productVariants(first: $first, after: $after, last: $last, before: $before) {\n      nodes {\n        id title sku\n        product { id title }\n        inventoryItem { measurement { weight { value unit } } }\n      }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }": {return: ShopVariantsQuery, variables: ShopVariantsQueryVariables},
  "#graphql\n  query ShopContactEmails {\n    shop { email contactEmail }\n  }": {return: ShopContactEmailsQuery, variables: ShopContactEmailsQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation CarrierServiceCreate($input: DeliveryCarrierServiceCreateInput!) {\n    carrierServiceCreate(input: $input) {\n      carrierService { id name callbackUrl active }\n      userErrors { field message }\n    }\n  }": {return: CarrierServiceCreateMutation, variables: CarrierServiceCreateMutationVariables},
  "#graphql\n  mutation CarrierServiceUpdate($input: DeliveryCarrierServiceUpdateInput!) {\n    carrierServiceUpdate(input: $input) {\n      carrierService { id name callbackUrl active }\n      userErrors { field message }\n    }\n  }": {return: CarrierServiceUpdateMutation, variables: CarrierServiceUpdateMutationVariables},
  "#graphql\n  mutation FulfillmentEventCreate($fulfillmentEvent: FulfillmentEventInput!) {\n    fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {\n      fulfillmentEvent { id status }\n      userErrors { field message }\n    }\n  }": {return: FulfillmentEventCreateMutation, variables: FulfillmentEventCreateMutationVariables},
  "#graphql\n  mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {\n    fulfillmentCreate(fulfillment: $fulfillment) {\n      fulfillment { id status }\n      userErrors { field message }\n    }\n  }": {return: FulfillmentCreateMutation, variables: FulfillmentCreateMutationVariables},
  "#graphql\n  mutation FulfillmentTrackingInfoUpdate($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) {\n    fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) {\n      fulfillment { id status }\n      userErrors { field message }\n    }\n  }": {return: FulfillmentTrackingInfoUpdateMutation, variables: FulfillmentTrackingInfoUpdateMutationVariables},
  "#graphql\n  mutation FulfillmentCancel($id: ID!) {\n    fulfillmentCancel(id: $id) {\n      fulfillment { id status }\n      userErrors { field message }\n    }\n  }": {return: FulfillmentCancelMutation, variables: FulfillmentCancelMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}

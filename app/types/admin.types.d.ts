export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: string; output: string; }
  Decimal: { input: string; output: string; }
  URL: { input: string; output: string; }
};

export type Attribute = {
  __typename?: 'Attribute';
  key: Scalars['String']['output'];
  value?: Maybe<Scalars['String']['output']>;
};

export type CarrierServiceCreatePayload = {
  __typename?: 'CarrierServiceCreatePayload';
  carrierService?: Maybe<DeliveryCarrierService>;
  userErrors: Array<CarrierServiceCreateUserError>;
};

export type CarrierServiceCreateUserError = {
  __typename?: 'CarrierServiceCreateUserError';
  code?: Maybe<CarrierServiceCreateUserErrorCode>;
  field?: Maybe<Array<Scalars['String']['output']>>;
  message: Scalars['String']['output'];
};

export enum CarrierServiceCreateUserErrorCode {
  CarrierServiceCreateFailed = 'CARRIER_SERVICE_CREATE_FAILED'
}

export type CarrierServiceUpdatePayload = {
  __typename?: 'CarrierServiceUpdatePayload';
  carrierService?: Maybe<DeliveryCarrierService>;
  userErrors: Array<CarrierServiceUpdateUserError>;
};

export type CarrierServiceUpdateUserError = {
  __typename?: 'CarrierServiceUpdateUserError';
  code?: Maybe<CarrierServiceUpdateUserErrorCode>;
  field?: Maybe<Array<Scalars['String']['output']>>;
  message: Scalars['String']['output'];
};

export enum CarrierServiceUpdateUserErrorCode {
  CarrierServiceUpdateFailed = 'CARRIER_SERVICE_UPDATE_FAILED'
}

export type ChannelDefinition = Node & {
  __typename?: 'ChannelDefinition';
  channelName: Scalars['String']['output'];
  handle: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  subChannelName: Scalars['String']['output'];
};

export type ChannelInformation = Node & {
  __typename?: 'ChannelInformation';
  channelDefinition?: Maybe<ChannelDefinition>;
  id: Scalars['ID']['output'];
};

export enum CountryCode {
  Ac = 'AC',
  Ad = 'AD',
  Ae = 'AE',
  Af = 'AF',
  Ag = 'AG',
  Ai = 'AI',
  Al = 'AL',
  Am = 'AM',
  An = 'AN',
  Ao = 'AO',
  Aq = 'AQ',
  Ar = 'AR',
  As = 'AS',
  At = 'AT',
  Au = 'AU',
  Aw = 'AW',
  Ax = 'AX',
  Az = 'AZ',
  Ba = 'BA',
  Bb = 'BB',
  Bd = 'BD',
  Be = 'BE',
  Bf = 'BF',
  Bg = 'BG',
  Bh = 'BH',
  Bi = 'BI',
  Bj = 'BJ',
  Bl = 'BL',
  Bm = 'BM',
  Bn = 'BN',
  Bo = 'BO',
  Bq = 'BQ',
  Br = 'BR',
  Bs = 'BS',
  Bt = 'BT',
  Bu = 'BU',
  Bv = 'BV',
  Bw = 'BW',
  By = 'BY',
  Bz = 'BZ',
  Ca = 'CA',
  Cc = 'CC',
  Cd = 'CD',
  Cf = 'CF',
  Cg = 'CG',
  Ch = 'CH',
  Ci = 'CI',
  Ck = 'CK',
  Cl = 'CL',
  Cm = 'CM',
  Cn = 'CN',
  Co = 'CO',
  Cp = 'CP',
  Cq = 'CQ',
  Cr = 'CR',
  Cs = 'CS',
  Cu = 'CU',
  Cv = 'CV',
  Cw = 'CW',
  Cx = 'CX',
  Cy = 'CY',
  Cz = 'CZ',
  Dd = 'DD',
  De = 'DE',
  Dg = 'DG',
  Dj = 'DJ',
  Dk = 'DK',
  Dm = 'DM',
  Do = 'DO',
  Dy = 'DY',
  Dz = 'DZ',
  Ea = 'EA',
  Ec = 'EC',
  Ee = 'EE',
  Eg = 'EG',
  Eh = 'EH',
  Er = 'ER',
  Es = 'ES',
  Et = 'ET',
  Fi = 'FI',
  Fj = 'FJ',
  Fk = 'FK',
  Fm = 'FM',
  Fo = 'FO',
  Fr = 'FR',
  Fx = 'FX',
  Ga = 'GA',
  Gb = 'GB',
  Gd = 'GD',
  Ge = 'GE',
  Gf = 'GF',
  Gg = 'GG',
  Gh = 'GH',
  Gi = 'GI',
  Gl = 'GL',
  Gm = 'GM',
  Gn = 'GN',
  Gp = 'GP',
  Gq = 'GQ',
  Gr = 'GR',
  Gs = 'GS',
  Gt = 'GT',
  Gu = 'GU',
  Gw = 'GW',
  Gy = 'GY',
  Hk = 'HK',
  Hm = 'HM',
  Hn = 'HN',
  Hr = 'HR',
  Ht = 'HT',
  Hu = 'HU',
  Hv = 'HV',
  Ic = 'IC',
  Id = 'ID',
  Ie = 'IE',
  Il = 'IL',
  Im = 'IM',
  In = 'IN',
  Io = 'IO',
  Iq = 'IQ',
  Ir = 'IR',
  Is = 'IS',
  It = 'IT',
  Je = 'JE',
  Jm = 'JM',
  Jo = 'JO',
  Jp = 'JP',
  Ke = 'KE',
  Kg = 'KG',
  Kh = 'KH',
  Ki = 'KI',
  Km = 'KM',
  Kn = 'KN',
  Kp = 'KP',
  Kr = 'KR',
  Kw = 'KW',
  Ky = 'KY',
  Kz = 'KZ',
  La = 'LA',
  Lb = 'LB',
  Lc = 'LC',
  Li = 'LI',
  Lk = 'LK',
  Lr = 'LR',
  Ls = 'LS',
  Lt = 'LT',
  Lu = 'LU',
  Lv = 'LV',
  Ly = 'LY',
  Ma = 'MA',
  Mc = 'MC',
  Md = 'MD',
  Me = 'ME',
  Mf = 'MF',
  Mg = 'MG',
  Mh = 'MH',
  Mk = 'MK',
  Ml = 'ML',
  Mm = 'MM',
  Mn = 'MN',
  Mo = 'MO',
  Mp = 'MP',
  Mq = 'MQ',
  Mr = 'MR',
  Ms = 'MS',
  Mt = 'MT',
  Mu = 'MU',
  Mv = 'MV',
  Mw = 'MW',
  Mx = 'MX',
  My = 'MY',
  Mz = 'MZ',
  Na = 'NA',
  Nc = 'NC',
  Ne = 'NE',
  Nf = 'NF',
  Ng = 'NG',
  Nh = 'NH',
  Ni = 'NI',
  Nl = 'NL',
  No = 'NO',
  Np = 'NP',
  Nr = 'NR',
  Nu = 'NU',
  Nz = 'NZ',
  Om = 'OM',
  Pa = 'PA',
  Pe = 'PE',
  Pf = 'PF',
  Pg = 'PG',
  Ph = 'PH',
  Pk = 'PK',
  Pl = 'PL',
  Pm = 'PM',
  Pn = 'PN',
  Pr = 'PR',
  Ps = 'PS',
  Pt = 'PT',
  Pw = 'PW',
  Py = 'PY',
  Qa = 'QA',
  Re = 'RE',
  Rh = 'RH',
  Ro = 'RO',
  Rs = 'RS',
  Ru = 'RU',
  Rw = 'RW',
  Sa = 'SA',
  Sb = 'SB',
  Sc = 'SC',
  Sd = 'SD',
  Se = 'SE',
  Sg = 'SG',
  Sh = 'SH',
  Si = 'SI',
  Sj = 'SJ',
  Sk = 'SK',
  Sl = 'SL',
  Sm = 'SM',
  Sn = 'SN',
  So = 'SO',
  Sr = 'SR',
  Ss = 'SS',
  St = 'ST',
  Su = 'SU',
  Sv = 'SV',
  Sx = 'SX',
  Sy = 'SY',
  Sz = 'SZ',
  Ta = 'TA',
  Tc = 'TC',
  Td = 'TD',
  Tf = 'TF',
  Tg = 'TG',
  Th = 'TH',
  Tj = 'TJ',
  Tk = 'TK',
  Tl = 'TL',
  Tm = 'TM',
  Tn = 'TN',
  To = 'TO',
  Tp = 'TP',
  Tr = 'TR',
  Tt = 'TT',
  Tv = 'TV',
  Tw = 'TW',
  Tz = 'TZ',
  Ua = 'UA',
  Ug = 'UG',
  Uk = 'UK',
  Um = 'UM',
  Us = 'US',
  Uy = 'UY',
  Uz = 'UZ',
  Va = 'VA',
  Vc = 'VC',
  Vd = 'VD',
  Ve = 'VE',
  Vg = 'VG',
  Vi = 'VI',
  Vn = 'VN',
  Vu = 'VU',
  Wf = 'WF',
  Ws = 'WS',
  Xk = 'XK',
  Yd = 'YD',
  Ye = 'YE',
  Yt = 'YT',
  Yu = 'YU',
  Za = 'ZA',
  Zm = 'ZM',
  Zr = 'ZR',
  Zw = 'ZW',
  Zz = 'ZZ'
}

export enum CurrencyCode {
  Brl = 'BRL',
  Cad = 'CAD',
  Eur = 'EUR',
  Gbp = 'GBP',
  Usd = 'USD'
}

export type DeliveryCarrierService = Node & {
  __typename?: 'DeliveryCarrierService';
  active: Scalars['Boolean']['output'];
  callbackUrl?: Maybe<Scalars['URL']['output']>;
  formattedName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  supportsServiceDiscovery: Scalars['Boolean']['output'];
};

export type DeliveryCarrierServiceConnection = {
  __typename?: 'DeliveryCarrierServiceConnection';
  nodes: Array<DeliveryCarrierService>;
  pageInfo: PageInfo;
};

export type DeliveryCarrierServiceCreateInput = {
  active: Scalars['Boolean']['input'];
  callbackUrl: Scalars['URL']['input'];
  name: Scalars['String']['input'];
  supportsServiceDiscovery: Scalars['Boolean']['input'];
};

export type DeliveryCarrierServiceUpdateInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  callbackUrl?: InputMaybe<Scalars['URL']['input']>;
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  supportsServiceDiscovery?: InputMaybe<Scalars['Boolean']['input']>;
};

export type DeliveryMethod = Node & {
  __typename?: 'DeliveryMethod';
  id: Scalars['ID']['output'];
  methodType: DeliveryMethodType;
  presentedName?: Maybe<Scalars['String']['output']>;
  serviceCode?: Maybe<Scalars['String']['output']>;
};

export enum DeliveryMethodType {
  Local = 'LOCAL',
  None = 'NONE',
  PickupPoint = 'PICKUP_POINT',
  PickUp = 'PICK_UP',
  Retail = 'RETAIL',
  Shipping = 'SHIPPING'
}

export type Fulfillment = Node & {
  __typename?: 'Fulfillment';
  id: Scalars['ID']['output'];
  status: FulfillmentStatus;
  trackingInfo: Array<FulfillmentTrackingInfo>;
};


export type FulfillmentTrackingInfoArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type FulfillmentCancelPayload = {
  __typename?: 'FulfillmentCancelPayload';
  fulfillment?: Maybe<Fulfillment>;
  userErrors: Array<UserError>;
};

export type FulfillmentCreatePayload = {
  __typename?: 'FulfillmentCreatePayload';
  fulfillment?: Maybe<Fulfillment>;
  userErrors: Array<UserError>;
};

export type FulfillmentEvent = Node & {
  __typename?: 'FulfillmentEvent';
  happenedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  message?: Maybe<Scalars['String']['output']>;
  status: FulfillmentEventStatus;
};

export type FulfillmentEventCreatePayload = {
  __typename?: 'FulfillmentEventCreatePayload';
  fulfillmentEvent?: Maybe<FulfillmentEvent>;
  userErrors: Array<UserError>;
};

export type FulfillmentEventInput = {
  address1?: InputMaybe<Scalars['String']['input']>;
  city?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  estimatedDeliveryAt?: InputMaybe<Scalars['DateTime']['input']>;
  fulfillmentId: Scalars['ID']['input'];
  happenedAt?: InputMaybe<Scalars['DateTime']['input']>;
  latitude?: InputMaybe<Scalars['Float']['input']>;
  longitude?: InputMaybe<Scalars['Float']['input']>;
  message?: InputMaybe<Scalars['String']['input']>;
  province?: InputMaybe<Scalars['String']['input']>;
  status: FulfillmentEventStatus;
  zip?: InputMaybe<Scalars['String']['input']>;
};

export enum FulfillmentEventStatus {
  AttemptedDelivery = 'ATTEMPTED_DELIVERY',
  CarrierPickedUp = 'CARRIER_PICKED_UP',
  Confirmed = 'CONFIRMED',
  Delayed = 'DELAYED',
  Delivered = 'DELIVERED',
  Failure = 'FAILURE',
  InTransit = 'IN_TRANSIT',
  LabelPrinted = 'LABEL_PRINTED',
  LabelPurchased = 'LABEL_PURCHASED',
  OutForDelivery = 'OUT_FOR_DELIVERY',
  ReadyForPickup = 'READY_FOR_PICKUP'
}

export type FulfillmentInput = {
  lineItemsByFulfillmentOrder: Array<FulfillmentOrderLineItemsInput>;
  notifyCustomer?: InputMaybe<Scalars['Boolean']['input']>;
  trackingInfo?: InputMaybe<FulfillmentTrackingInput>;
};

export type FulfillmentOrder = Node & {
  __typename?: 'FulfillmentOrder';
  assignedLocation: FulfillmentOrderAssignedLocation;
  deliveryMethod?: Maybe<DeliveryMethod>;
  destination?: Maybe<FulfillmentOrderDestination>;
  id: Scalars['ID']['output'];
  lineItems: FulfillmentOrderLineItemConnection;
  order: Order;
  orderId: Scalars['ID']['output'];
  orderName: Scalars['String']['output'];
  requestStatus: FulfillmentOrderRequestStatus;
  status: FulfillmentOrderStatus;
};


export type FulfillmentOrderLineItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  reverse?: InputMaybe<Scalars['Boolean']['input']>;
};

export type FulfillmentOrderAcceptCancellationRequestPayload = {
  __typename?: 'FulfillmentOrderAcceptCancellationRequestPayload';
  fulfillmentOrder?: Maybe<FulfillmentOrder>;
  userErrors: Array<UserError>;
};

export type FulfillmentOrderAcceptFulfillmentRequestPayload = {
  __typename?: 'FulfillmentOrderAcceptFulfillmentRequestPayload';
  fulfillmentOrder?: Maybe<FulfillmentOrder>;
  userErrors: Array<UserError>;
};

export type FulfillmentOrderAssignedLocation = {
  __typename?: 'FulfillmentOrderAssignedLocation';
  address1?: Maybe<Scalars['String']['output']>;
  address2?: Maybe<Scalars['String']['output']>;
  city?: Maybe<Scalars['String']['output']>;
  countryCode: CountryCode;
  location?: Maybe<Location>;
  name?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  province?: Maybe<Scalars['String']['output']>;
  zip?: Maybe<Scalars['String']['output']>;
};

export enum FulfillmentOrderAssignmentStatus {
  CancellationRequested = 'CANCELLATION_REQUESTED',
  FulfillmentAccepted = 'FULFILLMENT_ACCEPTED',
  FulfillmentRequested = 'FULFILLMENT_REQUESTED',
  FulfillmentUnsubmitted = 'FULFILLMENT_UNSUBMITTED'
}

export type FulfillmentOrderConnection = {
  __typename?: 'FulfillmentOrderConnection';
  nodes: Array<FulfillmentOrder>;
  pageInfo: PageInfo;
};

export type FulfillmentOrderDestination = Node & {
  __typename?: 'FulfillmentOrderDestination';
  address1?: Maybe<Scalars['String']['output']>;
  address2?: Maybe<Scalars['String']['output']>;
  city?: Maybe<Scalars['String']['output']>;
  company?: Maybe<Scalars['String']['output']>;
  countryCode?: Maybe<CountryCode>;
  email?: Maybe<Scalars['String']['output']>;
  firstName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lastName?: Maybe<Scalars['String']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  province?: Maybe<Scalars['String']['output']>;
  zip?: Maybe<Scalars['String']['output']>;
};

export type FulfillmentOrderLineItem = Node & {
  __typename?: 'FulfillmentOrderLineItem';
  id: Scalars['ID']['output'];
  originalUnitPriceSet: MoneyBag;
  productTitle: Scalars['String']['output'];
  remainingQuantity: Scalars['Int']['output'];
  sku?: Maybe<Scalars['String']['output']>;
  totalQuantity: Scalars['Int']['output'];
  variant?: Maybe<ProductVariant>;
  weight?: Maybe<Weight>;
};

export type FulfillmentOrderLineItemConnection = {
  __typename?: 'FulfillmentOrderLineItemConnection';
  nodes: Array<FulfillmentOrderLineItem>;
  pageInfo: PageInfo;
};

export type FulfillmentOrderLineItemInput = {
  id: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};

export type FulfillmentOrderLineItemsInput = {
  fulfillmentOrderId: Scalars['ID']['input'];
  fulfillmentOrderLineItems?: InputMaybe<Array<FulfillmentOrderLineItemInput>>;
};

export type FulfillmentOrderMovePayload = {
  __typename?: 'FulfillmentOrderMovePayload';
  movedFulfillmentOrder?: Maybe<FulfillmentOrder>;
  originalFulfillmentOrder?: Maybe<FulfillmentOrder>;
  userErrors: Array<UserError>;
};

export type FulfillmentOrderRejectCancellationRequestPayload = {
  __typename?: 'FulfillmentOrderRejectCancellationRequestPayload';
  fulfillmentOrder?: Maybe<FulfillmentOrder>;
  userErrors: Array<UserError>;
};

export type FulfillmentOrderRejectFulfillmentRequestPayload = {
  __typename?: 'FulfillmentOrderRejectFulfillmentRequestPayload';
  fulfillmentOrder?: Maybe<FulfillmentOrder>;
  userErrors: Array<UserError>;
};

export enum FulfillmentOrderRejectionReason {
  IncorrectAddress = 'INCORRECT_ADDRESS',
  IneligibleProduct = 'INELIGIBLE_PRODUCT',
  InventoryOutOfStock = 'INVENTORY_OUT_OF_STOCK',
  Other = 'OTHER',
  UndeliverableDestination = 'UNDELIVERABLE_DESTINATION'
}

export enum FulfillmentOrderRequestStatus {
  Accepted = 'ACCEPTED',
  CancellationAccepted = 'CANCELLATION_ACCEPTED',
  CancellationRejected = 'CANCELLATION_REJECTED',
  CancellationRequested = 'CANCELLATION_REQUESTED',
  Closed = 'CLOSED',
  Rejected = 'REJECTED',
  Submitted = 'SUBMITTED',
  Unsubmitted = 'UNSUBMITTED'
}

export enum FulfillmentOrderSortKeys {
  CreatedAt = 'CREATED_AT',
  Id = 'ID',
  UpdatedAt = 'UPDATED_AT'
}

export enum FulfillmentOrderStatus {
  Cancelled = 'CANCELLED',
  Closed = 'CLOSED',
  Incomplete = 'INCOMPLETE',
  InProgress = 'IN_PROGRESS',
  OnHold = 'ON_HOLD',
  Open = 'OPEN',
  Scheduled = 'SCHEDULED'
}

export type FulfillmentService = {
  __typename?: 'FulfillmentService';
  callbackUrl?: Maybe<Scalars['URL']['output']>;
  handle: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  inventoryManagement: Scalars['Boolean']['output'];
  location?: Maybe<Location>;
  serviceName: Scalars['String']['output'];
  trackingSupport: Scalars['Boolean']['output'];
};

export type FulfillmentServiceCreatePayload = {
  __typename?: 'FulfillmentServiceCreatePayload';
  fulfillmentService?: Maybe<FulfillmentService>;
  userErrors: Array<UserError>;
};

export enum FulfillmentServiceDeleteInventoryAction {
  Delete = 'DELETE',
  Keep = 'KEEP',
  Transfer = 'TRANSFER'
}

export type FulfillmentServiceDeletePayload = {
  __typename?: 'FulfillmentServiceDeletePayload';
  deletedId?: Maybe<Scalars['ID']['output']>;
  userErrors: Array<UserError>;
};

export enum FulfillmentStatus {
  Cancelled = 'CANCELLED',
  Error = 'ERROR',
  Failure = 'FAILURE',
  Open = 'OPEN',
  Pending = 'PENDING',
  Success = 'SUCCESS'
}

export type FulfillmentTrackingInfo = {
  __typename?: 'FulfillmentTrackingInfo';
  company?: Maybe<Scalars['String']['output']>;
  number?: Maybe<Scalars['String']['output']>;
  url?: Maybe<Scalars['URL']['output']>;
};

export type FulfillmentTrackingInfoUpdatePayload = {
  __typename?: 'FulfillmentTrackingInfoUpdatePayload';
  fulfillment?: Maybe<Fulfillment>;
  userErrors: Array<UserError>;
};

export type FulfillmentTrackingInput = {
  company?: InputMaybe<Scalars['String']['input']>;
  number?: InputMaybe<Scalars['String']['input']>;
  numbers?: InputMaybe<Array<Scalars['String']['input']>>;
  url?: InputMaybe<Scalars['URL']['input']>;
  urls?: InputMaybe<Array<Scalars['URL']['input']>>;
};

export type InventoryItem = Node & {
  __typename?: 'InventoryItem';
  countryCodeOfOrigin?: Maybe<CountryCode>;
  harmonizedSystemCode?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  measurement: InventoryItemMeasurement;
};

export type InventoryItemMeasurement = Node & {
  __typename?: 'InventoryItemMeasurement';
  id: Scalars['ID']['output'];
  weight?: Maybe<Weight>;
};

export type LineItem = Node & {
  __typename?: 'LineItem';
  id: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  sku?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
};

export type LineItemConnection = {
  __typename?: 'LineItemConnection';
  nodes: Array<LineItem>;
  pageInfo: PageInfo;
};

export type Location = Node & {
  __typename?: 'Location';
  fulfillmentService?: Maybe<FulfillmentService>;
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
};

export type LocationConnection = {
  __typename?: 'LocationConnection';
  nodes: Array<Location>;
  pageInfo: PageInfo;
};

export type MailingAddress = Node & {
  __typename?: 'MailingAddress';
  countryCodeV2?: Maybe<CountryCode>;
  id: Scalars['ID']['output'];
  provinceCode?: Maybe<Scalars['String']['output']>;
  zip?: Maybe<Scalars['String']['output']>;
};

export type Metafield = Node & {
  __typename?: 'Metafield';
  id: Scalars['ID']['output'];
  key: Scalars['String']['output'];
  namespace: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type MoneyBag = {
  __typename?: 'MoneyBag';
  shopMoney: MoneyV2;
};

export type MoneyV2 = {
  __typename?: 'MoneyV2';
  amount: Scalars['Decimal']['output'];
  currencyCode: CurrencyCode;
};

export type Mutation = {
  __typename?: 'Mutation';
  carrierServiceCreate?: Maybe<CarrierServiceCreatePayload>;
  carrierServiceUpdate?: Maybe<CarrierServiceUpdatePayload>;
  fulfillmentCancel?: Maybe<FulfillmentCancelPayload>;
  fulfillmentCreate?: Maybe<FulfillmentCreatePayload>;
  fulfillmentEventCreate?: Maybe<FulfillmentEventCreatePayload>;
  fulfillmentOrderAcceptCancellationRequest?: Maybe<FulfillmentOrderAcceptCancellationRequestPayload>;
  fulfillmentOrderAcceptFulfillmentRequest?: Maybe<FulfillmentOrderAcceptFulfillmentRequestPayload>;
  fulfillmentOrderMove?: Maybe<FulfillmentOrderMovePayload>;
  fulfillmentOrderRejectCancellationRequest?: Maybe<FulfillmentOrderRejectCancellationRequestPayload>;
  fulfillmentOrderRejectFulfillmentRequest?: Maybe<FulfillmentOrderRejectFulfillmentRequestPayload>;
  fulfillmentServiceCreate?: Maybe<FulfillmentServiceCreatePayload>;
  fulfillmentServiceDelete?: Maybe<FulfillmentServiceDeletePayload>;
  fulfillmentTrackingInfoUpdate?: Maybe<FulfillmentTrackingInfoUpdatePayload>;
};


export type MutationCarrierServiceCreateArgs = {
  input: DeliveryCarrierServiceCreateInput;
};


export type MutationCarrierServiceUpdateArgs = {
  input: DeliveryCarrierServiceUpdateInput;
};


export type MutationFulfillmentCancelArgs = {
  id: Scalars['ID']['input'];
};


export type MutationFulfillmentCreateArgs = {
  fulfillment: FulfillmentInput;
  message?: InputMaybe<Scalars['String']['input']>;
};


export type MutationFulfillmentEventCreateArgs = {
  fulfillmentEvent: FulfillmentEventInput;
};


export type MutationFulfillmentOrderAcceptCancellationRequestArgs = {
  id: Scalars['ID']['input'];
  message?: InputMaybe<Scalars['String']['input']>;
};


export type MutationFulfillmentOrderAcceptFulfillmentRequestArgs = {
  estimatedShippedAt?: InputMaybe<Scalars['DateTime']['input']>;
  id: Scalars['ID']['input'];
  message?: InputMaybe<Scalars['String']['input']>;
};


export type MutationFulfillmentOrderMoveArgs = {
  id: Scalars['ID']['input'];
  newLocationId: Scalars['ID']['input'];
};


export type MutationFulfillmentOrderRejectCancellationRequestArgs = {
  id: Scalars['ID']['input'];
  message?: InputMaybe<Scalars['String']['input']>;
};


export type MutationFulfillmentOrderRejectFulfillmentRequestArgs = {
  id: Scalars['ID']['input'];
  message?: InputMaybe<Scalars['String']['input']>;
  reason?: InputMaybe<FulfillmentOrderRejectionReason>;
};


export type MutationFulfillmentServiceCreateArgs = {
  callbackUrl?: InputMaybe<Scalars['URL']['input']>;
  inventoryManagement?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  requiresShippingMethod?: InputMaybe<Scalars['Boolean']['input']>;
  trackingSupport?: InputMaybe<Scalars['Boolean']['input']>;
};


export type MutationFulfillmentServiceDeleteArgs = {
  destinationLocationId?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  inventoryAction?: InputMaybe<FulfillmentServiceDeleteInventoryAction>;
};


export type MutationFulfillmentTrackingInfoUpdateArgs = {
  fulfillmentId: Scalars['ID']['input'];
  notifyCustomer?: InputMaybe<Scalars['Boolean']['input']>;
  trackingInfoInput: FulfillmentTrackingInput;
};

export type Node = {
  id: Scalars['ID']['output'];
};

export type Order = Node & {
  __typename?: 'Order';
  channelInformation?: Maybe<ChannelInformation>;
  customAttributes: Array<Attribute>;
  id: Scalars['ID']['output'];
  lineItems: LineItemConnection;
  metafield?: Maybe<Metafield>;
  name: Scalars['String']['output'];
  shippingAddress?: Maybe<MailingAddress>;
  shippingLine?: Maybe<ShippingLine>;
  sourceName?: Maybe<Scalars['String']['output']>;
  tags: Array<Scalars['String']['output']>;
};


export type OrderLineItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  reverse?: InputMaybe<Scalars['Boolean']['input']>;
};


export type OrderMetafieldArgs = {
  key: Scalars['String']['input'];
  namespace?: InputMaybe<Scalars['String']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Product = Node & {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
  title: Scalars['String']['output'];
  variants: ProductVariantConnection;
  vendor: Scalars['String']['output'];
};


export type ProductVariantsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  reverse?: InputMaybe<Scalars['Boolean']['input']>;
};

export type ProductConnection = {
  __typename?: 'ProductConnection';
  nodes: Array<Product>;
  pageInfo: PageInfo;
};

export type ProductVariant = Node & {
  __typename?: 'ProductVariant';
  id: Scalars['ID']['output'];
  inventoryItem: InventoryItem;
  product: Product;
  sku?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
};

export type ProductVariantConnection = {
  __typename?: 'ProductVariantConnection';
  nodes: Array<ProductVariant>;
  pageInfo: PageInfo;
};

export type QueryRoot = {
  __typename?: 'QueryRoot';
  assignedFulfillmentOrders: FulfillmentOrderConnection;
  carrierServices: DeliveryCarrierServiceConnection;
  fulfillmentOrder?: Maybe<FulfillmentOrder>;
  fulfillmentOrders: FulfillmentOrderConnection;
  locations: LocationConnection;
  nodes: Array<Maybe<Node>>;
  order?: Maybe<Order>;
  productVariants: ProductVariantConnection;
  products: ProductConnection;
  shop: Shop;
};


export type QueryRootAssignedFulfillmentOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  assignmentStatus?: InputMaybe<FulfillmentOrderAssignmentStatus>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  locationIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  reverse?: InputMaybe<Scalars['Boolean']['input']>;
  sortKey?: InputMaybe<FulfillmentOrderSortKeys>;
};


export type QueryRootCarrierServicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
  reverse?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryRootFulfillmentOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRootFulfillmentOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeClosed?: InputMaybe<Scalars['Boolean']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
  reverse?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryRootLocationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeInactive?: InputMaybe<Scalars['Boolean']['input']>;
  includeLegacy?: InputMaybe<Scalars['Boolean']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
  reverse?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryRootNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryRootOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRootProductVariantsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
  reverse?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryRootProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  query?: InputMaybe<Scalars['String']['input']>;
  reverse?: InputMaybe<Scalars['Boolean']['input']>;
};

export type ShippingLine = {
  __typename?: 'ShippingLine';
  code?: Maybe<Scalars['String']['output']>;
  id?: Maybe<Scalars['ID']['output']>;
  originalPriceSet: MoneyBag;
  source?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
};

export type Shop = Node & {
  __typename?: 'Shop';
  contactEmail: Scalars['String']['output'];
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  myshopifyDomain: Scalars['String']['output'];
  name: Scalars['String']['output'];
  unitSystem: UnitSystem;
  weightUnit: WeightUnit;
};

export enum UnitSystem {
  ImperialSystem = 'IMPERIAL_SYSTEM',
  MetricSystem = 'METRIC_SYSTEM'
}

export type UserError = {
  __typename?: 'UserError';
  field?: Maybe<Array<Scalars['String']['output']>>;
  message: Scalars['String']['output'];
};

export type Weight = {
  __typename?: 'Weight';
  unit: WeightUnit;
  value: Scalars['Float']['output'];
};

export enum WeightUnit {
  Grams = 'GRAMS',
  Kilograms = 'KILOGRAMS',
  Ounces = 'OUNCES',
  Pounds = 'POUNDS'
}

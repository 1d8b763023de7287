// Every GraphQL document sent to Shopify's Admin API, in one module so CI validates them all
// against the published schema of SHOPIFY_API_VERSION (packages/integrations/test/shopify-schema.test.ts).
import { CATALOGUE_DOCUMENTS } from './catalogue-documents.ts';
import { EXCHANGE_DOCUMENTS } from './exchange-documents.ts';

export const SHOPIFY_API_VERSION = '2026-10';

export const SHOP_QUERY = /* GraphQL */ `
  query Shop {
    shop {
      name
      currencyCode
    }
  }
`;

export const WEBHOOK_SUBSCRIPTION_CREATE = /* GraphQL */ `
  mutation WebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
      webhookSubscription {
        id
        topic
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** Our subscriptions (those pointing at the connection's webhook URL), to remove them on disconnect. */
export const WEBHOOK_SUBSCRIPTIONS_QUERY = /* GraphQL */ `
  query WebhookSubscriptions($uri: String!, $after: String) {
    webhookSubscriptions(first: 100, uri: $uri, after: $after) {
      nodes {
        id
        topic
        uri
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const WEBHOOK_SUBSCRIPTION_DELETE = /* GraphQL */ `
  mutation WebhookSubscriptionDelete($id: ID!) {
    webhookSubscriptionDelete(id: $id) {
      deletedWebhookSubscriptionId
      userErrors {
        field
        message
      }
    }
  }
`;

/** The bulk query of every order (run by bulkOperationRunQuery; line items come as child rows). */
export const BULK_ORDERS_QUERY = /* GraphQL */ `
  {
    orders {
      edges {
        node {
          id
          name
          email
          phone
          createdAt
          processedAt
          currencyCode
          customer {
            firstName
            lastName
            defaultEmailAddress {
              emailAddress
            }
          }
          shippingAddress {
            name
            company
            address1
            address2
            zip
            city
            provinceCode
            countryCodeV2
            phone
          }
          fulfillments {
            id
            createdAt
            deliveredAt
            trackingInfo {
              company
              number
            }
          }
          lineItems {
            edges {
              node {
                id
                name
                sku
                quantity
                variantTitle
                originalUnitPriceSet {
                  shopMoney {
                    amount
                    currencyCode
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

export const BULK_OPERATION_RUN_QUERY = /* GraphQL */ `
  mutation BulkOperationRunQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: true) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const BULK_OPERATION_QUERY = /* GraphQL */ `
  query BulkOperation($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      rootObjectCount
      url
      partialDataUrl
    }
  }
`;

export const RETURNABLE_FULFILLMENTS_QUERY = /* GraphQL */ `
  query ReturnableFulfillments($orderId: ID!) {
    returnableFulfillments(orderId: $orderId, first: 50) {
      nodes {
        id
        returnableFulfillmentLineItems(first: 250) {
          nodes {
            quantity
            fulfillmentLineItem {
              id
              lineItem {
                id
              }
            }
          }
        }
      }
    }
  }
`;

/** What the mirror reads of a Shopify return: ids, state, line items with our reference, deliveries, refunds. */
const RETURN_FIELDS = /* GraphQL */ `
  id
  name
  status
  reverseFulfillmentOrders(first: 5) {
    nodes {
      id
      lineItems(first: 100) {
        nodes {
          id
          totalQuantity
        }
      }
      reverseDeliveries(first: 10) {
        nodes {
          id
          deliverable {
            ... on ReverseDeliveryShippingDeliverable {
              tracking {
                number
              }
            }
          }
        }
      }
    }
  }
  returnLineItems(first: 100) {
    nodes {
      id
      quantity
      processableQuantity
      customerNote
      returnReasonNote
    }
  }
  refunds(first: 50) {
    nodes {
      id
      totalRefundedSet {
        shopMoney {
          amount
          currencyCode
        }
      }
    }
  }
`;

/** The returns already on an order (to adopt one we created before a job died, instead of making another). */
export const ORDER_RETURNS_QUERY = /* GraphQL */ `
  query OrderReturns($id: ID!) {
    order(id: $id) {
      id
      returns(first: 50) {
        nodes { ${RETURN_FIELDS} }
      }
    }
  }
`;

export const RETURN_REQUEST = /* GraphQL */ `
  mutation ReturnRequest($input: ReturnRequestInput!) {
    returnRequest(input: $input) {
      return { ${RETURN_FIELDS} }
      userErrors { field message code }
    }
  }
`;

export const RETURN_CREATE = /* GraphQL */ `
  mutation ReturnCreate($returnInput: ReturnInput!) {
    returnCreate(returnInput: $returnInput) {
      return { ${RETURN_FIELDS} }
      userErrors { field message code }
    }
  }
`;

export const RETURN_APPROVE_REQUEST = /* GraphQL */ `
  mutation ReturnApproveRequest($input: ReturnApproveRequestInput!) {
    returnApproveRequest(input: $input) {
      return { ${RETURN_FIELDS} }
      userErrors { field message code }
    }
  }
`;

export const RETURN_DECLINE_REQUEST = /* GraphQL */ `
  mutation ReturnDeclineRequest($input: ReturnDeclineRequestInput!) {
    returnDeclineRequest(input: $input) {
      return { id status }
      userErrors { field message code }
    }
  }
`;

export const RETURN_CANCEL = /* GraphQL */ `
  mutation ReturnCancel($id: ID!) {
    returnCancel(id: $id, notifyCustomer: false) {
      return { id status }
      userErrors { field message code }
    }
  }
`;

export const RETURN_QUERY = /* GraphQL */ `
  query Return($id: ID!) {
    return(id: $id) { ${RETURN_FIELDS} }
  }
`;

export const REVERSE_DELIVERY_CREATE_WITH_SHIPPING = /* GraphQL */ `
  mutation ReverseDeliveryCreateWithShipping(
    $reverseFulfillmentOrderId: ID!
    $reverseDeliveryLineItems: [ReverseDeliveryLineItemInput!]!
    $trackingInput: ReverseDeliveryTrackingInput
    $labelInput: ReverseDeliveryLabelInput
  ) {
    reverseDeliveryCreateWithShipping(
      reverseFulfillmentOrderId: $reverseFulfillmentOrderId
      reverseDeliveryLineItems: $reverseDeliveryLineItems
      trackingInput: $trackingInput
      labelInput: $labelInput
      notifyCustomer: false
    ) {
      reverseDelivery { id }
      userErrors { field message code }
    }
  }
`;

export const ORDER_TRANSACTIONS_QUERY = /* GraphQL */ `
  query OrderTransactions($id: ID!) {
    order(id: $id) {
      id
      transactions(first: 50) {
        id
        kind
        status
        gateway
        amountSet { shopMoney { amount currencyCode } }
      }
    }
  }
`;

export const RETURN_PROCESS = /* GraphQL */ `
  mutation ReturnProcess($input: ReturnProcessInput!) {
    returnProcess(input: $input) {
      return { id status }
      userErrors { field message code }
    }
  }
`;

export const GIFT_CARDS_QUERY = /* GraphQL */ `
  query GiftCards($query: String!) {
    giftCards(first: 10, query: $query) {
      nodes {
        id
        lastCharacters
        note
        expiresOn
        enabled
        initialValue { amount currencyCode }
        balance { amount currencyCode }
      }
    }
  }
`;

export const GIFT_CARD_CREATE = /* GraphQL */ `
  mutation GiftCardCreate($input: GiftCardCreateInput!) {
    giftCardCreate(input: $input) {
      giftCard {
        id
        lastCharacters
        note
        expiresOn
        enabled
        initialValue { amount currencyCode }
        balance { amount currencyCode }
      }
      giftCardCode
      userErrors { field message code }
    }
  }
`;

/** Every document, by name, for the schema test. */
export const ALL_DOCUMENTS: Record<string, string> = {
  GIFT_CARDS_QUERY,
  GIFT_CARD_CREATE,
  ...EXCHANGE_DOCUMENTS,
  ...CATALOGUE_DOCUMENTS,
  SHOP_QUERY,
  WEBHOOK_SUBSCRIPTION_CREATE,
  WEBHOOK_SUBSCRIPTIONS_QUERY,
  WEBHOOK_SUBSCRIPTION_DELETE,
  BULK_ORDERS_QUERY,
  BULK_OPERATION_RUN_QUERY,
  BULK_OPERATION_QUERY,
  RETURNABLE_FULFILLMENTS_QUERY,
  RETURN_REQUEST,
  RETURN_CREATE,
  RETURN_APPROVE_REQUEST,
  RETURN_DECLINE_REQUEST,
  RETURN_CANCEL,
  RETURN_QUERY,
  ORDER_RETURNS_QUERY,
  REVERSE_DELIVERY_CREATE_WITH_SHIPPING,
  ORDER_TRANSACTIONS_QUERY,
  RETURN_PROCESS,
};

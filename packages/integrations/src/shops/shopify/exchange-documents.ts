// Admin GraphQL documents of exchanges (issue #14 item 4), following Shopify's guide "Creating and
// managing exchanges" (shopify.dev/docs/apps/build/orders-fulfillment/returns-apps/manage-exchanges)
// for API 2025-07 and later: quote with `returnCalculate`, create the return with its
// `exchangeLineItems`, confirm them with `returnProcess` (which makes the exchange's fulfillment
// order, held with AWAITING_PAYMENT while a balance is due), then `fulfillmentOrderReleaseHold`.
// Validated against the pinned schema with the others (documents.ts ALL_DOCUMENTS).

/** What the replacement job reads of a return with exchanges: our marker in its lines, what is left to process. */
const EXCHANGE_RETURN_FIELDS = /* GraphQL */ `
  id
  name
  status
  returnLineItems(first: 100) {
    nodes {
      id
      quantity
      processableQuantity
      customerNote
      returnReasonNote
    }
  }
  exchangeLineItems(first: 50) {
    nodes {
      id
      variantId
      quantity
      processableQuantity
      processedQuantity
      lineItems { id }
    }
  }
`;

export const RETURN_CALCULATE = /* GraphQL */ `
  query ReturnCalculate($input: CalculateReturnInput!) {
    returnCalculate(input: $input) {
      returnLineItems { quantity subtotalSet { shopMoney { amount currencyCode } } }
      exchangeLineItems {
        quantity
        variant { id }
        originalUnitPriceSet { shopMoney { amount currencyCode } }
        subtotalSet { shopMoney { amount currencyCode } }
        totalTaxSet { shopMoney { amount currencyCode } }
      }
    }
  }
`;

export const RETURN_CREATE_WITH_EXCHANGE = /* GraphQL */ `
  mutation ReturnCreateWithExchange($returnInput: ReturnInput!) {
    returnCreate(returnInput: $returnInput) {
      return { ${EXCHANGE_RETURN_FIELDS} }
      userErrors { field message code }
    }
  }
`;

export const EXCHANGE_RETURN_QUERY = /* GraphQL */ `
  query ExchangeReturn($id: ID!) {
    return(id: $id) { ${EXCHANGE_RETURN_FIELDS} }
  }
`;

/** The returns already on an order, to adopt the one we created before a job died instead of making another. */
export const ORDER_EXCHANGE_RETURNS_QUERY = /* GraphQL */ `
  query OrderExchangeReturns($id: ID!) {
    order(id: $id) {
      id
      returns(first: 50) {
        nodes { ${EXCHANGE_RETURN_FIELDS} }
      }
    }
  }
`;

export const RETURN_PROCESS_EXCHANGE = /* GraphQL */ `
  mutation ReturnProcessExchange($input: ReturnProcessInput!) {
    returnProcess(input: $input) {
      return { ${EXCHANGE_RETURN_FIELDS} }
      userErrors { field message code }
    }
  }
`;

export const ORDER_HELD_FULFILLMENT_ORDERS = /* GraphQL */ `
  query OrderHeldFulfillmentOrders($id: ID!) {
    order(id: $id) {
      id
      fulfillmentOrders(first: 50) {
        nodes {
          id
          status
          fulfillmentHolds { id reason }
          lineItems(first: 50) { nodes { lineItem { id } } }
        }
      }
    }
  }
`;

export const FULFILLMENT_ORDER_RELEASE_HOLD = /* GraphQL */ `
  mutation FulfillmentOrderReleaseHold($id: ID!, $holdIds: [ID!]) {
    fulfillmentOrderReleaseHold(id: $id, holdIds: $holdIds) {
      fulfillmentOrder { id status }
      userErrors { field message code }
    }
  }
`;

export const EXCHANGE_DOCUMENTS: Record<string, string> = {
  RETURN_CALCULATE,
  RETURN_CREATE_WITH_EXCHANGE,
  EXCHANGE_RETURN_QUERY,
  ORDER_EXCHANGE_RETURNS_QUERY,
  RETURN_PROCESS_EXCHANGE,
  ORDER_HELD_FULFILLMENT_ORDERS,
  FULFILLMENT_ORDER_RELEASE_HOLD,
};

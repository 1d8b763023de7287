// The catalogue's full import from Shopify (issue #14 item 1): one bulk operation over every
// product with its variants and each variant's available quantity per location (Shopify's guide
// "Perform bulk operations with the GraphQL Admin API": nested connections up to two levels, the
// JSONL result has one row per node, children carrying `__parentId`). Ids are GraphQL ids, as the
// products/* and inventory_levels/update webhooks store them (products.ts).
export const BULK_PRODUCTS_QUERY = /* GraphQL */ `
  {
    products {
      edges {
        node {
          id
          title
          vendor
          productType
          tags
          featuredMedia { preview { image { url } } }
          options { name position }
          variants {
            edges {
              node {
                id
                sku
                title
                price
                position
                selectedOptions { name value }
                image { url }
                inventoryItem {
                  id
                  inventoryLevels {
                    edges {
                      node {
                        location { id name }
                        quantities(names: ["available"]) { name quantity }
                      }
                    }
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

export const CATALOGUE_DOCUMENTS: Record<string, string> = { BULK_PRODUCTS_QUERY };

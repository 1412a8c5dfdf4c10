/** The GraphQL documents the store screen sends (names show in the gateway's logs and metrics). */

export const STORES = /* GraphQL */ `
  query StoreList {
    locations(kind: STORE, first: 100) { id name geo { lat lng } }
  }
`;

export const LEDGER_HEADS = /* GraphQL */ `
  query StoreLedgerHeads {
    stockLedgerHead
    priceLedgerHead
  }
`;

export const STORE_STOCK_PAGE = /* GraphQL */ `
  query StoreStockPage($storeId: ID!, $first: Int!, $after: String) {
    location(id: $storeId) {
      id
      stock(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          node {
            onHand reserved available status version
            variant {
              sku barcode name
              product { id name }
              effectivePrice(channel: STORE, storeId: $storeId) { amount currency }
            }
          }
        }
      }
    }
  }
`;

export const STOCK_CHANGED = /* GraphQL */ `
  subscription StoreStockChanged($storeId: ID!, $after: Int) {
    stockChanged(locationIds: [$storeId], after: $after) {
      sequence version onHand reserved available status at reason
      variant { sku }
    }
  }
`;

export const PRICE_CHANGED = /* GraphQL */ `
  subscription StorePriceChanged($storeId: ID!, $after: Int) {
    priceChanged(channel: STORE, storeId: $storeId, after: $after) {
      sequence
      variant { sku }
      effectivePrice { amount currency }
    }
  }
`;

export const VARIANT_ROW = /* GraphQL */ `
  query StoreVariantRow($sku: ID!, $storeId: ID!) {
    variant(sku: $sku) {
      sku barcode name
      product { id name }
      effectivePrice(channel: STORE, storeId: $storeId) { amount currency }
    }
  }
`;

export const NEARBY_AVAILABILITY = /* GraphQL */ `
  query StoreNearbyAvailability($sku: ID!, $near: GeoPointInput!) {
    variant(sku: $sku) {
      sku
      availability(near: $near, radiusKm: 150, first: 6) {
        location { id name }
        available status distanceKm
      }
    }
  }
`;

export const ALL_STORES_STOCK = /* GraphQL */ `
  query StoreAllStoresStock($sku: ID!) {
    variant(sku: $sku) {
      sku
      stock { location { id name kind } onHand reserved available status }
    }
  }
`;

const RESERVATION_FIELDS = /* GraphQL */ `
  id quantity status expiresAt createdAt
  variant { sku name product { name } }
  customer { id firstName }
`;

export const ACTIVE_PICKUPS = /* GraphQL */ `
  query StoreActivePickups($storeId: ID!) {
    stockLedgerHead
    reservations(locationId: $storeId, status: [ACTIVE], first: 500) { ${RESERVATION_FIELDS} }
  }
`;

export const PICKUP_CHANGED = /* GraphQL */ `
  subscription StorePickupChanged($storeId: ID!, $after: Int) {
    reservationChanged(locationIds: [$storeId], after: $after) {
      sequence status
      reservation { ${RESERVATION_FIELDS} }
    }
  }
`;

export const COLLECT = /* GraphQL */ `
  mutation StoreCollectPickup($id: ID!) {
    collectReservation(id: $id) {
      reservation { id status }
      userErrors { code message }
    }
  }
`;

export const CUSTOMER_SEARCH = /* GraphQL */ `
  query StoreCustomerSearch($search: String!) {
    customers(search: $search, first: 10) { id firstName }
  }
`;

export const CUSTOMER_IN_FRONT = /* GraphQL */ `
  query StoreCustomerInFront($id: ID!, $storeId: ID!) {
    customer(id: $id) {
      id firstName lastName email phone
      loyalty { tier points }
      consents { email sms personalizedOffers }
      orders(first: 10) {
        totalCount
        edges { node { id number channel placedAt status total { amount currency } store { id name } } }
      }
      wishlist {
        addedAt
        variant {
          sku name
          product { name }
          stock(locationIds: [$storeId]) { available status version }
        }
      }
      supportTickets { id subject status channel openedAt }
      personalOffers(channel: STORE) { id name description endsAt }
    }
  }
`;

export const WISHLIST_STOCK = /* GraphQL */ `
  subscription StoreWishlistStock($skus: [ID!], $storeId: ID!, $after: Int) {
    stockChanged(skus: $skus, locationIds: [$storeId], after: $after) {
      sequence version available status
      variant { sku }
    }
  }
`;

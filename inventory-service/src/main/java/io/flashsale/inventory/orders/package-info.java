/**
 * Applies the order lifecycle to the stock of record: placed orders take their units,
 * cancelled orders give them back (database and Redis), once per order.
 */
package io.flashsale.inventory.orders;

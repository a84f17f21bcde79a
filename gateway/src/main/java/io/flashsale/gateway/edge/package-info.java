/**
 * Purchases of a sale that can no longer sell (sold out, over, not yet started) answered
 * at the edge, from memory: no Redis call and no hop to order-service. See
 * {@link io.flashsale.gateway.edge.SaleStates} for how the gateway learns a sale's state
 * and {@link io.flashsale.gateway.edge.EdgePurchaseFilter} for which requests it answers.
 */
package io.flashsale.gateway.edge;

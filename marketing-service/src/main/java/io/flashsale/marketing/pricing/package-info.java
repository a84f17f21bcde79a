/**
 * Prices: promotions, the price engine that stacks them with a coupon over a basket's
 * list prices, and signed quotes the checkout honours.
 */
package io.flashsale.marketing.pricing;

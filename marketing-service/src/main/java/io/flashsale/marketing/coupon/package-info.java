/**
 * Coupons: templates, claiming one with a Redis script, the coupon writer, a shopper's
 * coupons and their lifecycle (lock, use, release), and the price engine's view of them.
 */
package io.flashsale.marketing.coupon;

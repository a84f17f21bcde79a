/**
 * Flash-sale campaigns, coupons and promotions.
 */
package io.flashsale.marketing;

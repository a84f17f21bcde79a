package io.flashsale.marketing.coupon;

import java.util.List;

/**
 * One page of a shopper's coupons, newest claim first.
 *
 * @param items the coupons on this page
 * @param page zero-based page number
 * @param size the page size asked for
 */
record CouponPage(List<CouponView> items, int page, int size) {

}

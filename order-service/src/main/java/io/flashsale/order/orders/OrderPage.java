package io.flashsale.order.orders;

import java.util.List;

/**
 * One page of a shopper's orders, newest first.
 *
 * @param items the orders on this page
 * @param page zero-based page number
 * @param size page size asked for
 * @param total how many orders the shopper has
 */
record OrderPage(List<OrderView> items, int page, int size, long total) {

}

package io.flashsale.marketing.flashsale;

import java.util.List;

/**
 * One page of upcoming and running sales, ordered by start.
 *
 * @param items the sales on this page
 * @param page zero-based page number
 * @param size the page size asked for
 */
record FlashSalePage(List<FlashSaleView> items, int page, int size) {

}

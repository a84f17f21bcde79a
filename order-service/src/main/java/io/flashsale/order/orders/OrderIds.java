package io.flashsale.order.orders;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flashsale.contracts.Ids;

/**
 * Order ids carry their flash sale: {@code <flashSaleId>-<32 hex>}. Before the order row
 * exists, its reservation is found in the sale's Redis keys from the id alone.
 */
public final class OrderIds {

	private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,17})-[0-9a-f]{32}");

	private OrderIds() {
	}

	public static String next(long flashSaleId) {
		return flashSaleId + "-" + Ids.randomHex();
	}

	/**
	 * The flash sale of a well-formed order id.
	 * @return empty when the id is not one this service issues
	 */
	public static OptionalLong flashSaleOf(String orderId) {
		Matcher matcher = (orderId != null) ? FORMAT.matcher(orderId) : null;
		return (matcher != null && matcher.matches()) ? OptionalLong.of(Long.parseLong(matcher.group(1)))
				: OptionalLong.empty();
	}

}

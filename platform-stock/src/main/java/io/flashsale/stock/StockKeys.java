package io.flashsale.stock;

import java.util.List;

/**
 * The Redis keys of one flash sale. All carry the hash tag {@code {<saleId>}}, so they
 * sit in one Redis Cluster slot and a single Lua script may touch them together.
 *
 * @param flashSaleId the sale
 */
public record StockKeys(long flashSaleId) {

	/** Channel on which instances tell each other a sale sold out or got stock back. */
	public static final String STOCK_CHANNEL = "fs:stock-events";

	private String key(String part) {
		return "fs:{" + this.flashSaleId + "}:" + part;
	}

	/** Hash: initial, start, end (epoch millis), limit. */
	public String meta() {
		return key("meta");
	}

	/** String: units left. */
	public String stock() {
		return key("stock");
	}

	/** Hash: user id to units held. */
	public String bought() {
		return key("bought");
	}

	/** Hash: order id to the reservation record (JSON). */
	public String reservations() {
		return key("reservations");
	}

	/** Sorted set: unclaimed reservations by reservation time, for the reaper. */
	public String pending() {
		return key("pending");
	}

	/** Hash: {@code userId|key} to {@code requestHash|orderId}. */
	public String idempotency() {
		return key("idempotency");
	}

	List<String> all() {
		return List.of(meta(), stock(), bought(), reservations(), pending(), idempotency());
	}

}

package io.flashsale.inventory.sku;

import java.time.Instant;

/**
 * The parameter of {@link Skus#insert}: MyBatis writes the generated id back into it,
 * which a record cannot take.
 */
final class NewSku {

	private Long id;

	private final String name;

	private final int stock;

	private final long shopId;

	private final long listPriceMinor;

	private final String currency;

	private final Instant createdAt;

	NewSku(String name, int stock, long shopId, long listPriceMinor, String currency, Instant createdAt) {
		this.name = name;
		this.stock = stock;
		this.shopId = shopId;
		this.listPriceMinor = listPriceMinor;
		this.currency = currency;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public void setId(Long id) {
		this.id = id;
	}

	public String getName() {
		return this.name;
	}

	public int getStock() {
		return this.stock;
	}

	public long getShopId() {
		return this.shopId;
	}

	public long getListPriceMinor() {
		return this.listPriceMinor;
	}

	public String getCurrency() {
		return this.currency;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}

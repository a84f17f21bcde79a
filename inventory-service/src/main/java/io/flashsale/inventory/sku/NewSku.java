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

	private final Instant createdAt;

	NewSku(String name, int stock, Instant createdAt) {
		this.name = name;
		this.stock = stock;
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

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}

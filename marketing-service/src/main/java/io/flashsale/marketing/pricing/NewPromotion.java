package io.flashsale.marketing.pricing;

import java.time.Instant;

/**
 * The parameter of {@link Promotions#insert}: MyBatis writes the generated id back into
 * it, which a record cannot take.
 */
final class NewPromotion {

	private Long id;

	private final CreatePromotion request;

	private final String createdBy;

	private final Instant createdAt;

	NewPromotion(CreatePromotion request, String createdBy, Instant createdAt) {
		this.request = request;
		this.createdBy = createdBy;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public void setId(Long id) {
		this.id = id;
	}

	public CreatePromotion getRequest() {
		return this.request;
	}

	public int getPercentOffBasisPoints() {
		return (this.request.percentOffBasisPoints() != null) ? this.request.percentOffBasisPoints() : 0;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}

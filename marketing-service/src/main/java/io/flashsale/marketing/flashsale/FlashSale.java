package io.flashsale.marketing.flashsale;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import io.flashsale.contracts.marketing.FlashSaleScheduled;

/**
 * A flash-sale campaign. It guards its own life cycle: a DRAFT becomes SCHEDULED once its
 * stock is allocated, or REJECTED when inventory-service refuses; nothing leaves
 * SCHEDULED or REJECTED. Shoppers see only SCHEDULED sales.
 *
 * <p>
 * Fields are set by MyBatis (by reflection) when read back, which is why they are not
 * final and there is a private no-argument constructor.
 */
final class FlashSale {

	private Long id;

	private long skuId;

	private String title;

	private long priceCents;

	private int stock;

	private int perUserLimit;

	private Instant startsAt;

	private Instant endsAt;

	private int payTimeoutSeconds;

	private FlashSaleStatus status;

	/** Problem code of the refusal, for REJECTED sales. */
	private String rejection;

	private String createdBy;

	private String idempotencyKey;

	/** Fingerprint of the creating request, to tell a replay from a reused key. */
	private String requestHash;

	private Instant createdAt;

	private Instant updatedAt;

	private FlashSale() {
	}

	/**
	 * A new DRAFT from an admin's request. Instants are cut to milliseconds, the
	 * precision they are stored with, so the answer, the event and the row agree.
	 */
	static FlashSale draft(CreateFlashSale request, String createdBy, String idempotencyKey, Instant now) {
		FlashSale sale = new FlashSale();
		sale.skuId = request.skuId();
		sale.title = request.title();
		sale.priceCents = request.priceCents();
		sale.stock = request.stock();
		sale.perUserLimit = request.perUserLimit();
		sale.startsAt = request.startsAt().truncatedTo(ChronoUnit.MILLIS);
		sale.endsAt = request.endsAt().truncatedTo(ChronoUnit.MILLIS);
		sale.payTimeoutSeconds = request.payTimeoutSeconds();
		sale.status = FlashSaleStatus.DRAFT;
		sale.createdBy = createdBy;
		sale.idempotencyKey = idempotencyKey;
		sale.requestHash = sale.fingerprint();
		sale.createdAt = now.truncatedTo(ChronoUnit.MILLIS);
		sale.updatedAt = sale.createdAt;
		return sale;
	}

	/** Stock is allocated: the sale goes live on its window. */
	void schedule(Instant now) {
		requireDraft();
		this.status = FlashSaleStatus.SCHEDULED;
		this.updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * inventory-service refused the allocation.
	 * @param problemCode the problem the creator was answered with, to answer a replay
	 * alike
	 */
	void reject(String problemCode, Instant now) {
		requireDraft();
		this.status = FlashSaleStatus.REJECTED;
		this.rejection = problemCode;
		this.updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
	}

	private void requireDraft() {
		if (this.status != FlashSaleStatus.DRAFT) {
			throw new IllegalStateException("Flash sale " + this.id + " is " + this.status + ", not DRAFT");
		}
	}

	boolean isVisible() {
		return this.status == FlashSaleStatus.SCHEDULED;
	}

	/**
	 * Where a scheduled sale stands at an instant: the window is {@code [startsAt,
	 * endsAt)}.
	 */
	FlashSaleView.Status statusAt(Instant now) {
		if (now.isBefore(this.startsAt)) {
			return FlashSaleView.Status.SCHEDULED;
		}
		return now.isBefore(this.endsAt) ? FlashSaleView.Status.ACTIVE : FlashSaleView.Status.ENDED;
	}

	FlashSaleView view(Instant now) {
		if (!isVisible()) {
			throw new IllegalStateException("Flash sale " + this.id + " is " + this.status);
		}
		return new FlashSaleView(this.id, this.skuId, this.title, this.priceCents, this.stock, this.perUserLimit,
				this.startsAt, this.endsAt, this.payTimeoutSeconds, statusAt(now));
	}

	/** The campaign data other services cache, as of now. */
	FlashSaleScheduled scheduled() {
		return new FlashSaleScheduled(this.id, this.skuId, this.title, this.priceCents, this.stock, this.perUserLimit,
				this.startsAt, this.endsAt, this.payTimeoutSeconds);
	}

	/**
	 * SHA-256 over the fields the creator chose, so a request repeated with the same
	 * {@code Idempotency-Key} is recognised and a different one under the same key is
	 * not.
	 */
	private String fingerprint() {
		String canonical = String.join("\n", Long.toString(this.skuId), this.title, Long.toString(this.priceCents),
				Integer.toString(this.stock), Integer.toString(this.perUserLimit), this.startsAt.toString(),
				this.endsAt.toString(), Integer.toString(this.payTimeoutSeconds));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is a required JDK algorithm", ex);
		}
	}

	boolean sameRequestAs(FlashSale other) {
		return this.requestHash.equals(other.requestHash);
	}

	Long id() {
		return this.id;
	}

	long skuId() {
		return this.skuId;
	}

	int stock() {
		return this.stock;
	}

	Instant endsAt() {
		return this.endsAt;
	}

	FlashSaleStatus status() {
		return this.status;
	}

	String rejection() {
		return this.rejection;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

}

package io.flashsale.contracts;

/**
 * Header names carried on HTTP requests and Kafka records alike.
 *
 * <p>
 * {@link #USER_ID} and {@link #TRAFFIC_MARK} are internal: the gateway strips any value a
 * client sends and each service derives the user id from the validated token, so a header
 * alone never grants an identity.
 */
public final class Headers {

	/**
	 * Correlates one shopper action across every hop; generated at the edge if absent.
	 */
	public static final String REQUEST_ID = "X-Request-Id";

	/** The authenticated user, as established from the token by the first service. */
	public static final String USER_ID = "X-User-Id";

	/** Marks pressure-test traffic; see {@link TrafficMark}. */
	public static final String TRAFFIC_MARK = "X-Traffic-Mark";

	/** Client-chosen key that makes a purchase safe to retry. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/**
	 * Set by order-service on a purchase it refused because the sale cannot sell now
	 * (sold out, not started, over): the sale's id, so the gateway starts watching that
	 * sale and answers its next purchases itself. The gateway removes it before the
	 * shopper sees the answer.
	 */
	public static final String SALE_CLOSED = "X-Flash-Sale-Closed";

	private Headers() {
	}

}

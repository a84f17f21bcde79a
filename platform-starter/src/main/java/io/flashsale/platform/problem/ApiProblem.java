package io.flashsale.platform.problem;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the API reports to its caller on purpose: a status, a stable machine code and
 * a human title. Services subclass it with names that state the problem ({@code SoldOut},
 * {@code LimitExceeded}); the shared advice turns it into a problem detail.
 *
 * <p>
 * The message becomes the {@code detail}, so it must be safe to show to the caller.
 */
public abstract class ApiProblem extends RuntimeException {

	/**
	 * The property that tells the caller when to retry; the advice also sends it as the
	 * {@code Retry-After} header.
	 */
	public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

	private final HttpStatus status;

	private final String code;

	private final String title;

	protected ApiProblem(HttpStatus status, String code, String title, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
		this.title = title;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public String title() {
		return this.title;
	}

	/**
	 * Extra members for the problem body, for example {@link #RETRY_AFTER_SECONDS} (sent
	 * as {@code Retry-After} too).
	 * @return members to add; empty by default
	 */
	public Map<String, Object> properties() {
		return Map.of();
	}

	/**
	 * Response headers to send with the problem.
	 * @return headers by name; empty by default
	 */
	public Map<String, String> headers() {
		return Map.of();
	}

}

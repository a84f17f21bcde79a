package io.flashsale.platform.resilience;

/**
 * Why a call gave no answer, handed to its fallback.
 *
 * @param call the call's name (its Resilience4j instance)
 * @param reason what stopped it
 * @param cause the exception behind it: the breaker's or bulkhead's refusal, the time
 * limiter's timeout, or what the call threw
 */
public record CallFailure(String call, Reason reason, Throwable cause) {

	/** One line for logs and reports, without the exception's message. */
	public String describe() {
		return switch (this.reason) {
			case OPEN -> "the circuit breaker of " + this.call + " is open";
			case FULL -> "the bulkhead of " + this.call + " is full";
			case TIMEOUT -> this.call + " did not answer within its time limit";
			case FAILED -> this.call + " failed (" + this.cause.getClass().getSimpleName() + ")";
		};
	}

	public enum Reason {

		/** The circuit breaker is open: the call was not made. */
		OPEN,

		/** Too many calls in flight: the call was not made. */
		FULL,

		/** No answer within the time limit; the call was interrupted. */
		TIMEOUT,

		/** The call failed (no usable answer). */
		FAILED;

		/** The metric tag. */
		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}

package io.flashsale.configserver.plans;

import java.time.Instant;
import java.util.List;

/**
 * A plan applied at a time, or restored at a time, or both.
 *
 * @param id its id
 * @param plan the plan's name
 * @param values the plan's values as checked when it was scheduled (later edits of
 * plans.yml do not change what was scheduled)
 * @param at when it is applied
 * @param until when the values it replaced are restored, or {@code null} for never
 * @param reason why, as given
 * @param by who scheduled it
 * @param createdAt when it was scheduled
 * @param status where it stands
 * @param appliedVersion the version that applied it
 * @param restoredVersion the version that restored the earlier values
 * @param saved the overrides the plan replaced, captured when it was applied: exactly
 * these are restored ({@code value null}: no override, the default applied)
 * @param failure why it could not be applied, for {@link Status#FAILED}
 */
record ScheduledPlan(String id, String plan, List<Plan.PlanValue> values, Instant at, Instant until, String reason,
		String by, Instant createdAt, Status status, Long appliedVersion, Long restoredVersion, List<Saved> saved,
		String failure) {

	ScheduledPlan {
		values = List.copyOf(values);
		saved = (saved != null) ? List.copyOf(saved) : List.of();
	}

	ScheduledPlan applied(long version, List<Saved> saved) {
		return new ScheduledPlan(this.id, this.plan, this.values, this.at, this.until, this.reason, this.by,
				this.createdAt, (this.until != null) ? Status.ACTIVE : Status.DONE, version, null, saved, null);
	}

	ScheduledPlan restored(long version) {
		return new ScheduledPlan(this.id, this.plan, this.values, this.at, this.until, this.reason, this.by,
				this.createdAt, Status.DONE, this.appliedVersion, version, this.saved, null);
	}

	ScheduledPlan ended(Status status, String failure) {
		return new ScheduledPlan(this.id, this.plan, this.values, this.at, this.until, this.reason, this.by,
				this.createdAt, status, this.appliedVersion, this.restoredVersion, this.saved, failure);
	}

	/**
	 * One override a plan replaced.
	 *
	 * @param scope {@code *} (global) or an application
	 * @param key the switch
	 * @param value the override before the plan, or {@code null} for none
	 */
	record Saved(String scope, String key, Object value) {

	}

	enum Status {

		/** Waiting for {@code at}. */
		SCHEDULED,
		/** Applied, waiting for {@code until} to restore. */
		ACTIVE,
		/** Applied (and restored, if it had an end). */
		DONE,
		/** Cancelled by ops before it finished. */
		CANCELLED,
		/** Both its times passed while the server was down: never applied. */
		EXPIRED,
		/** Could not be applied, see {@code failure}. */
		FAILED

	}

}

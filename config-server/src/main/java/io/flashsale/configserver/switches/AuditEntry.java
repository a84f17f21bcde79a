package io.flashsale.configserver.switches;

import java.time.Instant;

/**
 * One line of the audit log: one key changed by one action, or an action that changed no
 * key (key {@code null}), such as scheduling a plan.
 *
 * @param version the version the action made (or the current one, if it made none)
 * @param at when
 * @param by who (the token's subject)
 * @param action set, plan-apply, plan-restore, rollback, plan-schedule, plan-cancel,
 * plan-expire or plan-fail
 * @param application the application, or {@code null} for a global value
 * @param key the switch, or {@code null}
 * @param oldValue the override before, {@code null} when the default applied
 * @param newValue the override after, {@code null} when the default applies again
 * @param reason why, as given
 * @param plan the plan, for plan actions
 */
public record AuditEntry(long version, Instant at, String by, String action, String application, String key,
		Object oldValue, Object newValue, String reason, String plan) {

}

package io.flashsale.configserver.plans;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.configserver.ConfigStateProperties;
import io.flashsale.configserver.switches.AuditEntry;
import io.flashsale.configserver.switches.Committed;
import io.flashsale.configserver.switches.KeyChange;
import io.flashsale.configserver.switches.SwitchStore;
import io.flashsale.configserver.switches.SwitchAdmin;
import io.flashsale.platform.problem.ApiProblem;

import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;

/**
 * Applies plans now or at a time, and restores the values a plan replaced at its end.
 * Scheduled plans live in the state folder, so a restart resumes them; a tick (every
 * {@code flashsale.config.scheduler-tick}) applies and restores what is due by the
 * injected {@link Clock}.
 *
 * <p>
 * A plan's restore puts back exactly the overrides it replaced, captured when it was
 * applied, even if ops changed those keys in between: the plan's end is a promise to
 * return to the state before it.
 */
@Service
@EnableScheduling
class PlanScheduler implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(PlanScheduler.class);

	/**
	 * How far in the past a start may lie and still count as "now" (clock skew of the
	 * caller).
	 */
	private static final Duration START_TOLERANCE = Duration.ofMinutes(1);

	private final PlanCatalog catalog;

	private final SwitchAdmin switches;

	private final SwitchStore store;

	private final ScheduledPlans scheduled;

	private final Clock clock;

	private final Duration tick;

	PlanScheduler(PlanCatalog catalog, SwitchAdmin switches, SwitchStore store, ConfigStateProperties properties,
			Clock clock) {
		this.catalog = catalog;
		this.switches = switches;
		this.store = store;
		this.scheduled = new ScheduledPlans(properties.stateDir().resolve("scheduled-plans.json"));
		this.clock = clock;
		this.tick = properties.schedulerTick();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::runDue, this.tick);
	}

	/**
	 * Applies a plan now, or schedules it.
	 * @param name the plan
	 * @param at when to apply it; {@code null} or not later than now: now
	 * @param until when to restore the values it replaces; {@code null}: never
	 * @param reason why
	 * @param by who
	 * @return what was done
	 */
	synchronized PlanApplication apply(String name, Instant at, Instant until, String reason, String by) {
		Plan plan = this.catalog.find(name);
		if (!plan.problems().isEmpty()) {
			throw new InvalidPlan(name, plan.problems());
		}
		Instant now = this.clock.instant();
		if (at != null && at.isBefore(now.minus(START_TOLERANCE))) {
			throw new InvalidSchedule("at (" + at + ") is in the past; leave it out to apply the plan now");
		}
		Instant start = (at != null && at.isAfter(now)) ? at : now;
		if (until != null && !until.isAfter(start)) {
			throw new InvalidSchedule(
					"until (" + until + ") must be after " + ((at != null) ? "at (" + at + ")" : "now"));
		}
		ScheduledPlan entry = new ScheduledPlan(UUID.randomUUID().toString().substring(0, 8), name, plan.values(),
				start, until, reason, by, now, ScheduledPlan.Status.SCHEDULED, null, null, List.of(), null);
		if (start.isAfter(now)) {
			this.scheduled.save(entry);
			this.store.note("plan-schedule", by, describe(entry), name);
			return new PlanApplication(name, false, null, entry);
		}
		ScheduledPlan applied = applyNow(entry);
		if (until != null) {
			this.scheduled.save(applied);
		}
		return new PlanApplication(name, true, applied.appliedVersion(), (until != null) ? applied : null);
	}

	List<ScheduledPlan> scheduled() {
		return this.scheduled.all();
	}

	/**
	 * Cancels what a scheduled plan has left to do: a plan not applied yet is never
	 * applied; an applied plan keeps its values and is not restored.
	 * @param id the scheduled plan
	 * @param by who
	 * @return the cancelled plan
	 */
	synchronized ScheduledPlan cancel(String id, String by) {
		ScheduledPlan plan = this.scheduled.find(id).orElseThrow(() -> new UnknownScheduledPlan(id));
		if (plan.status() != ScheduledPlan.Status.SCHEDULED && plan.status() != ScheduledPlan.Status.ACTIVE) {
			throw new ScheduledPlanFinished(id, plan.status());
		}
		ScheduledPlan cancelled = plan.ended(ScheduledPlan.Status.CANCELLED, null);
		this.scheduled.save(cancelled);
		this.store.note("plan-cancel", by, "cancelled " + describe(plan), plan.plan());
		return cancelled;
	}

	/** Applies and restores every scheduled plan that is due. */
	synchronized void runDue() {
		Instant now = this.clock.instant();
		for (ScheduledPlan plan : this.scheduled.all()) {
			try {
				if (plan.status() == ScheduledPlan.Status.SCHEDULED && plan.until() != null
						&& !now.isBefore(plan.until())) {
					this.scheduled.save(plan.ended(ScheduledPlan.Status.EXPIRED, null));
					this.store.note("plan-expire", plan.by(),
							"both times passed while the server was down: " + describe(plan), plan.plan());
				}
				else if (plan.status() == ScheduledPlan.Status.SCHEDULED && !now.isBefore(plan.at())) {
					this.scheduled.save(applyNow(plan));
				}
				else if (plan.status() == ScheduledPlan.Status.ACTIVE && !now.isBefore(plan.until())) {
					this.scheduled.save(restore(plan));
				}
			}
			catch (ApiProblem ex) {
				log.warn("Scheduled plan {} ({}) failed: {}", plan.id(), plan.plan(), ex.getMessage());
				this.scheduled.save(plan.ended(ScheduledPlan.Status.FAILED, ex.getMessage()));
				this.store.note("plan-fail", plan.by(), ex.getMessage(), plan.plan());
			}
		}
	}

	private ScheduledPlan applyNow(ScheduledPlan plan) {
		List<KeyChange> changes = plan.values()
			.stream()
			.map((value) -> this.switches.resolve(value.key(), value.application(), value.value()))
			.toList();
		Committed committed = this.switches.apply("plan-apply", plan.by(), plan.reason(), plan.plan(),
				(current) -> changes);
		// The first value each key had before the plan (a plan names a key once per
		// scope).
		Map<String, ScheduledPlan.Saved> saved = new LinkedHashMap<>();
		for (AuditEntry entry : committed.entries()) {
			String scope = (entry.application() != null) ? entry.application() : SwitchStore.GLOBAL;
			saved.putIfAbsent(scope + "|" + entry.key(), new ScheduledPlan.Saved(scope, entry.key(), entry.oldValue()));
		}
		return plan.applied(committed.version().version(), new ArrayList<>(saved.values()));
	}

	private ScheduledPlan restore(ScheduledPlan plan) {
		List<KeyChange> changes = plan.saved()
			.stream()
			.map((saved) -> new KeyChange(saved.scope(), saved.key(), saved.value()))
			.toList();
		Committed committed = this.switches.apply("plan-restore", plan.by(), "end of " + describe(plan), plan.plan(),
				(current) -> changes);
		return plan.restored(committed.version().version());
	}

	private static String describe(ScheduledPlan plan) {
		return "plan " + plan.plan() + " (" + plan.id() + ") at " + plan.at()
				+ ((plan.until() != null) ? " until " + plan.until() : "") + ": " + plan.reason();
	}

	/**
	 * What applying a plan did.
	 *
	 * @param plan the plan
	 * @param applied whether it was applied now
	 * @param version the version that applied it, if it was
	 * @param scheduled the scheduled entry, when something is left to do (apply later,
	 * restore at its end)
	 */
	record PlanApplication(String plan, boolean applied, Long version, ScheduledPlan scheduled) {

	}

}

package io.flashsale.configserver.switches;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Reads and changes the switches. Every change is checked against the catalog, stored as
 * a new version with its audit lines, and then announced ({@link SwitchesChanged}).
 */
@Service
public class SwitchAdmin {

	private final SwitchCatalog catalog;

	private final SwitchStore store;

	private final ShippedDefaults defaults;

	private final ApplicationEventPublisher events;

	SwitchAdmin(SwitchCatalog catalog, SwitchStore store, ShippedDefaults defaults, ApplicationEventPublisher events) {
		this.catalog = catalog;
		this.store = store;
		this.defaults = defaults;
		this.events = events;
	}

	public long version() {
		return this.store.current().version();
	}

	/**
	 * Every switch with its effective value per application.
	 * @return the switches of the version in force
	 */
	public List<SwitchView> list() {
		SwitchVersion version = this.store.current();
		Map<String, Map<String, ShippedDefaults.ShippedValue>> shipped = new HashMap<>();
		return this.catalog.definitions().stream().map((definition) -> view(definition, version, shipped)).toList();
	}

	/**
	 * Sets one switch as a new version.
	 * @param key the switch
	 * @param value its new value
	 * @param application the application, or {@code null} for every application (a switch
	 * only one application reads is set for that one)
	 * @param reason why
	 * @param by who
	 * @return the new version and the switch after the change
	 */
	public SwitchChange set(String key, Object value, String application, String reason, String by) {
		KeyChange change = resolve(key, application, value);
		Committed committed = apply("set", by, reason, null, (current) -> List.of(change));
		return new SwitchChange(committed.version().version(),
				view(this.catalog.find(key), committed.version(), new HashMap<>()));
	}

	/**
	 * Makes the overrides exactly those of an earlier version, as a new version.
	 * @param target the version to return to (0: no overrides)
	 * @param reason why
	 * @param by who
	 * @return the new version
	 */
	public SwitchVersion rollback(long target, String reason, String by) {
		SwitchVersion wanted = this.store.version(target).orElseThrow(() -> new UnknownVersion(target));
		return apply("rollback", by, reason, null, (current) -> differences(current, wanted)).version();
	}

	/**
	 * Checks one value of a change against the catalog.
	 * @param key the switch
	 * @param application the application or {@code null}
	 * @param value the value
	 * @return the change to make
	 * @throws UnknownSwitch for a key not in the catalog
	 * @throws InvalidSwitchValue for a value or application that does not fit
	 */
	public KeyChange resolve(String key, String application, Object value) {
		SwitchDefinition definition = this.catalog.find(key);
		String scope;
		if (definition.owned()) {
			String owner = definition.applications().get(0);
			if (application != null && !application.equals(owner)) {
				throw new InvalidSwitchValue(key + " is read by " + owner + " only, not by " + application);
			}
			scope = owner;
		}
		else if (application == null) {
			scope = SwitchStore.GLOBAL;
		}
		else if (definition.applications().contains(application)) {
			scope = application;
		}
		else {
			throw new InvalidSwitchValue(
					key + " is read by " + String.join(", ", definition.applications()) + ", not by " + application);
		}
		return new KeyChange(scope, key, definition.normalize(value));
	}

	/**
	 * Makes checked changes as one new version and announces it.
	 * @param action the audit action
	 * @param by who
	 * @param reason why
	 * @param plan the plan, or {@code null}
	 * @param changes the changes, computed from the version in force
	 * @return the new version and its audit lines
	 */
	public Committed apply(String action, String by, String reason, String plan,
			Function<SwitchVersion, List<KeyChange>> changes) {
		Committed committed = this.store.commit(action, by, reason, plan, changes);
		this.events.publishEvent(new SwitchesChanged(committed.version().version()));
		return committed;
	}

	private static List<KeyChange> differences(SwitchVersion current, SwitchVersion wanted) {
		Set<String> scopes = new HashSet<>(current.overrides().keySet());
		scopes.addAll(wanted.overrides().keySet());
		List<KeyChange> changes = new ArrayList<>();
		for (String scope : scopes.stream().sorted().toList()) {
			Set<String> keys = new HashSet<>(current.overrides().getOrDefault(scope, Map.of()).keySet());
			keys.addAll(wanted.overrides().getOrDefault(scope, Map.of()).keySet());
			for (String key : keys.stream().sorted().toList()) {
				OverrideValue now = current.find(scope, key);
				OverrideValue then = wanted.find(scope, key);
				Object nowValue = (now != null) ? now.value() : null;
				Object thenValue = (then != null) ? then.value() : null;
				if (!Objects.equals(nowValue, thenValue)) {
					changes.add(new KeyChange(scope, key, thenValue));
				}
			}
		}
		return changes;
	}

	private SwitchView view(SwitchDefinition definition, SwitchVersion version,
			Map<String, Map<String, ShippedDefaults.ShippedValue>> shipped) {
		List<SwitchView.EffectiveValue> values = new ArrayList<>();
		for (String application : definition.applications()) {
			OverrideValue own = version.find(application, definition.key());
			OverrideValue global = version.find(SwitchStore.GLOBAL, definition.key());
			if (own != null) {
				values.add(new SwitchView.EffectiveValue(application, own.value(), describe(own, false), true));
			}
			else if (global != null) {
				values.add(new SwitchView.EffectiveValue(application, global.value(), describe(global, true), true));
			}
			else {
				ShippedDefaults.ShippedValue file = shipped.computeIfAbsent(application, this.defaults::forApplication)
					.get(definition.key());
				values.add((file != null)
						? new SwitchView.EffectiveValue(application, file.value(), "default: " + file.source(), false)
						: new SwitchView.EffectiveValue(application, definition.codeDefault(), "default: code", false));
			}
		}
		return new SwitchView(definition.key(), definition.type(), definition.allowed(), definition.min(),
				definition.description(), definition.applications(), definition.owned() ? "application" : "global",
				values);
	}

	private static String describe(OverrideValue value, boolean global) {
		return "override v" + value.version() + (global ? " (global)" : "") + " by " + value.by() + " at "
				+ DateTimeFormatter.ISO_INSTANT.format(value.at());
	}

	/**
	 * A change made.
	 *
	 * @param version the new version
	 * @param state the switch after the change
	 */
	public record SwitchChange(long version, SwitchView state) {

	}

}

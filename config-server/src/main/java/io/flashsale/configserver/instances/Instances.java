package io.flashsale.configserver.instances;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every instance that polled the switch version lately, with the version it has loaded.
 * Each service polls every {@code flashsale.switches.poll-interval} (10 s), bus or no
 * bus, so an instance unheard of for {@code flashsale.instances.stale-after} is marked
 * stale and one unheard of for ten times that is forgotten. Kept in memory: after a
 * restart of the config server the list fills again within one poll interval.
 */
@Component
public class Instances {

	/** What an instance may call itself: an application name, a space, an instance id. */
	private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,60} [A-Za-z0-9._:-]{1,100}");

	private static final Pattern VERSION = Pattern.compile("none|\\d{1,18}");

	private final Map<String, Seen> seen = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration staleAfter;

	Instances(Clock clock, @Value("${flashsale.instances.stale-after:30s}") Duration staleAfter) {
		this.clock = clock;
		this.staleAfter = staleAfter;
	}

	/**
	 * Records a poll. Malformed names or versions are ignored: the header is a report,
	 * not a command, and the version answer does not depend on it.
	 */
	public void polled(String instance, String loadedVersion) {
		if (instance == null || loadedVersion == null || !NAME.matcher(instance).matches()
				|| !VERSION.matcher(loadedVersion).matches()) {
			return;
		}
		int space = instance.indexOf(' ');
		OptionalLong version = loadedVersion.equals("none") ? OptionalLong.empty()
				: OptionalLong.of(Long.parseLong(loadedVersion));
		this.seen.put(instance,
				new Seen(instance.substring(0, space), instance.substring(space + 1), version, this.clock.instant()));
		if (this.seen.size() > 10_000) {
			forgetGone();
		}
	}

	/**
	 * The instances, by application and id.
	 * @param current the version the config server serves now
	 * @return each with whether it has loaded {@code current} and whether it is stale
	 */
	public List<InstanceView> list(long current) {
		forgetGone();
		Instant now = this.clock.instant();
		return this.seen.values()
			.stream()
			.sorted(Comparator.comparing(Seen::application).thenComparing(Seen::instanceId))
			.map((seen) -> new InstanceView(seen.application(), seen.instanceId(),
					seen.loadedVersion().isPresent() ? seen.loadedVersion().getAsLong() : null,
					seen.loadedVersion().isPresent() && seen.loadedVersion().getAsLong() == current, seen.at(),
					seen.at().plus(this.staleAfter).isBefore(now)))
			.toList();
	}

	private void forgetGone() {
		Instant cutoff = this.clock.instant().minus(this.staleAfter.multipliedBy(10));
		this.seen.values().removeIf((seen) -> seen.at().isBefore(cutoff));
	}

	private record Seen(String application, String instanceId, OptionalLong loadedVersion, Instant at) {
	}

	/**
	 * One instance as ops see it.
	 *
	 * @param application the service
	 * @param instanceId its id (host and pid, or the pod name)
	 * @param loadedVersion the switch version it has loaded, or null before its first
	 * @param current whether that is the version served now
	 * @param lastSeen its last poll
	 * @param stale whether it has not polled for longer than it should
	 */
	public record InstanceView(String application, String instanceId, Long loadedVersion, boolean current,
			Instant lastSeen, boolean stale) {
	}

}

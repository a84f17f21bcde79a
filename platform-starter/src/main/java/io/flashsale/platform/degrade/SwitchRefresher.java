package io.flashsale.platform.degrade;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.platform.observability.CommonTagsAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.core.env.Environment;

/**
 * Applies a new switch version from the config server, for the bus listener and the
 * poller alike. It refreshes the context only after the config server has answered
 * {@code GET /api/switches/version} with a version other than the one loaded: with an
 * {@code optional:} import, a refresh against a dead server would silently drop the
 * served values and leave the code defaults, so while the server is unreachable the
 * instance keeps its last values. A refresh that did not load the announced version (the
 * server answered its version but failed the configuration request) changes nothing and
 * is counted in {@code flashsale.switches.refresh.failures}; the next poll tries again.
 * Refreshes are serialized; a repeated announcement of a version already loaded costs one
 * small GET.
 */
public class SwitchRefresher {

	/** Where the config client records the version of the environment it loaded. */
	static final String LOADED_VERSION = "config.client.version";

	private static final Logger log = LoggerFactory.getLogger(SwitchRefresher.class);

	/** {@code <application> <instance id>} of the instance polling the version. */
	public static final String INSTANCE_HEADER = "X-Flashsale-Instance";

	/**
	 * The switch version the polling instance has loaded ({@code none} before the first).
	 */
	public static final String LOADED_VERSION_HEADER = "X-Flashsale-Loaded-Version";

	private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"?(\\d+)");

	private final ContextRefresher refresher;

	private final Environment environment;

	private final URI versionUri;

	private final ObjectProvider<MeterRegistry> meters;

	private final HttpClient http;

	private final String instance;

	private final Duration timeout;

	private boolean serverDown;

	public SwitchRefresher(ContextRefresher refresher, Environment environment, URI configServer, Duration timeout,
			ObjectProvider<MeterRegistry> meters) {
		this.refresher = refresher;
		this.environment = environment;
		this.versionUri = configServer.resolve("/api/switches/version");
		this.instance = environment.getProperty("spring.application.name", "unknown") + " "
				+ CommonTagsAutoConfiguration.instanceId(environment.getProperty("flashsale.instance-id", ""));
		this.timeout = timeout;
		this.meters = meters;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/**
	 * Refreshes if the config server answers with a version this instance has not loaded.
	 * @param trigger what asked ({@code bus} or {@code poll}), for logs and metrics
	 * @return whether a refresh ran
	 */
	public synchronized boolean refreshIfChanged(String trigger) {
		OptionalLong served = servedVersion();
		if (served.isEmpty()) {
			return false;
		}
		String loaded = this.environment.getProperty(LOADED_VERSION);
		if (Long.toString(served.getAsLong()).equals(loaded)) {
			return false;
		}
		Set<String> changed;
		try {
			changed = this.refresher.refresh();
		}
		catch (RuntimeException ex) {
			log.error("Refresh to switch version {} failed; keeping the last values", served.getAsLong(), ex);
			this.meters
				.ifAvailable((registry) -> registry.counter("flashsale.switches.refresh.failures", "trigger", trigger)
					.increment());
			return false;
		}
		String now = this.environment.getProperty(LOADED_VERSION);
		if (!Long.toString(served.getAsLong()).equals(now)) {
			// The server announced a version but did not serve it (it failed the
			// configuration request): the values stay as they were, and the next poll
			// tries again.
			log.warn("Refresh on {} did not load switch version {} (loaded: {}); keeping the last values", trigger,
					served.getAsLong(), now);
			this.meters
				.ifAvailable((registry) -> registry.counter("flashsale.switches.refresh.failures", "trigger", trigger)
					.increment());
			return false;
		}
		log.info("Refreshed on {} from switch version {} to {}: {}", trigger, loaded, served.getAsLong(), changed);
		this.meters.ifAvailable(
				(registry) -> registry.counter("flashsale.switches.refreshes", "trigger", trigger).increment());
		return true;
	}

	/**
	 * The switch version an instance loaded.
	 * @param environment the instance's environment
	 * @return the version, or NaN before the first load from the config server
	 */
	static double loadedVersion(Environment environment) {
		String loaded = environment.getProperty(LOADED_VERSION);
		try {
			return (loaded != null) ? Long.parseLong(loaded) : Double.NaN;
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

	/**
	 * The version the config server serves now.
	 * @return it, or empty while the server does not answer
	 */
	OptionalLong servedVersion() {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.versionUri)
				.timeout(this.timeout)
				// Who asks and what it has loaded: the config server lists every
				// instance with its version, so ops see a change arrive everywhere.
				.header(INSTANCE_HEADER, this.instance)
				.header(LOADED_VERSION_HEADER, this.environment.getProperty(LOADED_VERSION, "none"))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher matcher = VERSION.matcher(response.body());
			if (response.statusCode() != 200 || !matcher.find()) {
				return unreachable("answered " + response.statusCode());
			}
			if (this.serverDown) {
				log.info("Config server answers again at {}", this.versionUri);
				this.serverDown = false;
			}
			return OptionalLong.of(Long.parseLong(matcher.group(1)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OptionalLong.empty();
		}
		catch (Exception ex) {
			return unreachable(ex.getClass().getSimpleName());
		}
	}

	private OptionalLong unreachable(String why) {
		if (!this.serverDown) {
			log.warn("Config server unreachable at {} ({}): keeping the last switch values", this.versionUri, why);
			this.serverDown = true;
		}
		return OptionalLong.empty();
	}

	/**
	 * The config server this service imports its configuration from:
	 * {@code flashsale.switches.config-uri} if set, else the {@code configserver:} entry
	 * of {@code spring.config.import}, else {@code spring.cloud.config.uri}.
	 * @param environment the environment
	 * @return its base URI, or empty when the service does not use a config server
	 */
	static Optional<URI> configServer(Environment environment) {
		String explicit = environment.getProperty("flashsale.switches.config-uri");
		if (explicit != null && !explicit.isBlank()) {
			return Optional.of(URI.create(explicit.trim()));
		}
		String imports = environment.getProperty("spring.config.import", "");
		for (String entry : imports.split(",")) {
			String location = entry.trim();
			if (location.startsWith("optional:")) {
				location = location.substring("optional:".length());
			}
			if (location.startsWith("configserver:")) {
				String uri = location.substring("configserver:".length());
				if (uri.isBlank()) {
					uri = environment.getProperty("spring.cloud.config.uri", "http://localhost:8888");
				}
				return Optional.of(URI.create(uri.split(",")[0].trim()));
			}
		}
		return Optional.empty();
	}

}

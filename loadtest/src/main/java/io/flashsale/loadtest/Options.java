package io.flashsale.loadtest;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code --name=value} command-line options with defaults.
 */
public final class Options {

	private final Map<String, String> values = new HashMap<>();

	public Options(String[] args) {
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Options look like --name=value, not " + arg);
			}
			int equals = arg.indexOf('=');
			this.values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
	}

	public int integer(String name, int fallback) {
		String value = this.values.get(name);
		return (value != null) ? Integer.parseInt(value) : fallback;
	}

	public String text(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	/** The gateway of the local stack, following the CLI's port variable. */
	public String gatewayUrl() {
		String port = System.getenv("FLASHSALE_GATEWAY_PORT");
		return text("gateway", "http://127.0.0.1:" + ((port == null || port.isBlank()) ? "18080" : port));
	}

}

package io.flashsale.loadtest;

import picocli.CommandLine.Option;

/**
 * {@code --url URL} (or {@code --gateway URL}), a picocli mixin: the gateway of the local
 * stack by default, following the CLI's port variable; a trailing slash is dropped so
 * paths append cleanly.
 */
public final class GatewayOption {

	@Option(names = { "--url", "--gateway" }, paramLabel = "URL",
			description = "the gateway (default: http://127.0.0.1:$FLASHSALE_GATEWAY_PORT, else 18080)")
	String url;

	/** The gateway to drive. */
	public String url() {
		return (this.url != null) ? this.url.replaceAll("/+$", "") : localGateway();
	}

	/** The local stack's gateway, following {@code FLASHSALE_GATEWAY_PORT}. */
	public static String localGateway() {
		String port = System.getenv("FLASHSALE_GATEWAY_PORT");
		return "http://127.0.0.1:" + ((port == null || port.isBlank()) ? "18080" : port);
	}

}

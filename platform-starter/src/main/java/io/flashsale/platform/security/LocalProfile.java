package io.flashsale.platform.security;

import java.util.Arrays;

import org.springframework.core.env.Environment;

/**
 * The {@code local} Spring profile: the local stack ({@code ./flashsale} sets it for
 * every app it starts) and the tests that need its conveniences. Only there do the
 * built-in secrets and the sandbox wallets exist.
 */
public final class LocalProfile {

	public static final String NAME = "local";

	private LocalProfile() {
	}

	public static boolean isActive(Environment environment) {
		return Arrays.asList(environment.getActiveProfiles()).contains(NAME);
	}

}

package io.flashsale.platform.security;

/**
 * A deployment that would run with a local convenience (a built-in secret) or with
 * nothing protecting it. Thrown while the context starts, so the application refuses to
 * start; {@link UnsafeConfigurationFailureAnalyzer} prints the problem and the fix.
 */
public class UnsafeConfiguration extends IllegalStateException {

	private final String description;

	private final String action;

	public UnsafeConfiguration(String problem, String action) {
		super(problem + " " + action);
		this.description = problem;
		this.action = action;
	}

	public String description() {
		return this.description;
	}

	public String action() {
		return this.action;
	}

}

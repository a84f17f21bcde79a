package io.flashsale.devstack;

/**
 * Thrown when a component cannot be prepared or started. The message names the component
 * and ends with the last lines of its log.
 */
final class ComponentFailure extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String component;

	ComponentFailure(String component, String message, Throwable cause) {
		super(message, cause);
		this.component = component;
	}

	String component() {
		return this.component;
	}

}

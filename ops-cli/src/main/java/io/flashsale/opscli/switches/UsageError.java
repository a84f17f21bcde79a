package io.flashsale.opscli.switches;

/** A wrong command line: the message, the usage, exit code 2. */
final class UsageError extends RuntimeException {

	UsageError(String message) {
		super(message);
	}

}

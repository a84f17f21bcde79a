package io.flashsale.opscli.switches;

/** A refused or failed call to the config server: the message, exit code 1. */
final class Failure extends RuntimeException {

	Failure(String message) {
		super(message);
	}

}

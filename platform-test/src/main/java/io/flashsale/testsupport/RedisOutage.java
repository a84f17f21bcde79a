package io.flashsale.testsupport;

/**
 * Takes the real Redis away and brings it back on the same address, for tests of what a
 * service does while Redis is lost.
 */
public interface RedisOutage {

	void stop();

	void start();

}

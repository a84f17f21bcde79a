package io.flashsale.payment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestComponent;

/**
 * The system clock moved by an offset a test sets, so "a day later" takes no day. Only
 * what takes a {@link Clock} bean reads it (the callback timestamp check);
 * {@link PaymentTestSupport} puts it back after each test.
 */
@TestComponent
public class TestClock extends Clock {

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	void advance(Duration by) {
		this.offset.updateAndGet((current) -> current.plus(by));
	}

	void reset() {
		this.offset.set(Duration.ZERO);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset.get());
	}

}

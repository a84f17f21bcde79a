package io.flashsale.switchclient;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent;
import org.springframework.context.event.EventListener;

/**
 * Counts the refresh announcements this instance received over the bus, so a test knows
 * the instance's bus consumer is live before it changes a switch (the bus reads from the
 * latest offset, so an announcement sent before that is never seen).
 */
public class BusAnnouncements {

	private final AtomicInteger received = new AtomicInteger();

	@EventListener
	void received(RefreshRemoteApplicationEvent event) {
		this.received.incrementAndGet();
	}

	public int received() {
		return this.received.get();
	}

}

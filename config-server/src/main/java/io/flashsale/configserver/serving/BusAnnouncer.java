package io.flashsale.configserver.serving;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.configserver.switches.SwitchesChanged;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.bus.BusProperties;
import org.springframework.cloud.bus.event.Destination;
import org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells every instance of every service to refresh after a change: a Spring Cloud Bus
 * {@link RefreshRemoteApplicationEvent} for all destinations, which the bus sends over
 * Kafka ({@code springCloudBus}). It is sent off the request thread and a failure is only
 * logged: the change is stored already, and services that miss the event see the new
 * version when they poll {@code /api/switches/version}.
 */
@Component
class BusAnnouncer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BusAnnouncer.class);

	private final ApplicationEventPublisher publisher;

	private final BusProperties bus;

	private final Destination.Factory destinations;

	private final ExecutorService sender = Executors
		.newSingleThreadExecutor(Thread.ofVirtual().name("switch-bus-announcer").factory());

	BusAnnouncer(ApplicationEventPublisher publisher, BusProperties bus, Destination.Factory destinations) {
		this.publisher = publisher;
		this.bus = bus;
		this.destinations = destinations;
	}

	@EventListener
	void announce(SwitchesChanged changed) {
		this.sender.execute(() -> {
			try {
				this.publisher.publishEvent(new RefreshRemoteApplicationEvent(this, this.bus.getId(),
						this.destinations.getDestination(null)));
				log.info("Announced switch version {} on the bus", changed.version());
			}
			catch (RuntimeException ex) {
				log.warn("Could not announce switch version {} on the bus; services pick it up by polling",
						changed.version(), ex);
			}
		});
	}

	@Override
	public void destroy() {
		this.sender.shutdown();
	}

}

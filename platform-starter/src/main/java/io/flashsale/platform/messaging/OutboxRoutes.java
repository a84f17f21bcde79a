package io.flashsale.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.flashsale.contracts.EventEnvelope;

import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

/**
 * Tells Spring Modulith which events to externalize, where, and in what form: the routed
 * event types only, to their topic and key, as {@link EventEnvelope} JSON.
 *
 * <p>
 * The envelope's id is derived from the event's type and identity (see
 * {@link OutboxRoute#identity()}) rather than drawn at random, because the envelope is
 * built again each time an incomplete publication is resubmitted; a random id would make
 * the resubmitted copy look like a new event.
 */
class OutboxRoutes implements EventExternalizationConfiguration {

	private final Map<Class<?>, OutboxRoute<?>> routes = new HashMap<>();

	private final EventJson json;

	OutboxRoutes(List<OutboxRoute<?>> routes, EventJson json) {
		for (OutboxRoute<?> route : routes) {
			if (this.routes.put(route.type(), route) != null) {
				throw new IllegalStateException("Two OutboxRoutes for " + route.type().getName());
			}
		}
		this.json = json;
	}

	@Override
	public boolean supports(Object event) {
		return this.routes.containsKey(event.getClass());
	}

	@Override
	public Object map(Object event) {
		return this.json.write(envelope(event));
	}

	@Override
	public RoutingTarget determineTarget(Object event) {
		OutboxRoute<?> route = route(event);
		return RoutingTarget.forTarget(route.topic()).andKey(route.keyOf(event));
	}

	@Override
	public Map<String, Object> getHeadersFor(Object event) {
		return Map.of();
	}

	@Override
	public boolean serializeExternalization() {
		return false;
	}

	EventEnvelope<Object> envelope(Object event) {
		OutboxRoute<?> route = route(event);
		String type = event.getClass().getSimpleName();
		String key = route.keyOf(event);
		var occurredAt = route.occurredAtOf(event);
		UUID id = UUID.nameUUIDFromBytes((type + '|' + route.identityOf(event)).getBytes(StandardCharsets.UTF_8));
		return new EventEnvelope<>(id, type, 1, occurredAt, key, event);
	}

	private OutboxRoute<?> route(Object event) {
		OutboxRoute<?> route = this.routes.get(event.getClass());
		if (route == null) {
			throw new IllegalArgumentException("No OutboxRoute for " + event.getClass().getName());
		}
		return route;
	}

}

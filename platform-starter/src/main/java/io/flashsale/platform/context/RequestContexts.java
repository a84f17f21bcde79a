package io.flashsale.platform.context;

import io.micrometer.tracing.Baggage;
import io.micrometer.tracing.Tracer;

import io.flashsale.contracts.Headers;
import io.flashsale.contracts.TrafficMark;

/**
 * Reads the current {@link RequestContext} from tracing baggage. Works alike in a request
 * thread and in a Kafka listener, since both get the baggage from their headers.
 */
public class RequestContexts {

	private final Tracer tracer;

	public RequestContexts(Tracer tracer) {
		this.tracer = tracer;
	}

	public RequestContext current() {
		return new RequestContext(value(Headers.REQUEST_ID), value(Headers.USER_ID),
				TrafficMark.fromHeader(value(Headers.TRAFFIC_MARK)));
	}

	private String value(String field) {
		Baggage baggage = this.tracer.getBaggage(field);
		String value = (baggage != null) ? baggage.get() : null;
		return (value != null) ? value : "";
	}

}

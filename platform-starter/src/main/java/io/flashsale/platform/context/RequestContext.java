package io.flashsale.platform.context;

import io.flashsale.contracts.TrafficMark;

/**
 * What every hop of one shopper action knows about it.
 *
 * @param requestId correlates logs, traces and events of one action
 * @param userId the authenticated user, empty for anonymous calls
 * @param trafficMark real or shadow (pressure-test) traffic
 */
public record RequestContext(String requestId, String userId, TrafficMark trafficMark) {

	public boolean isShadow() {
		return this.trafficMark == TrafficMark.SHADOW;
	}

}

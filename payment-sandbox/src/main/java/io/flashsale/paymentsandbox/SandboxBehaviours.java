package io.flashsale.paymentsandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.flashsale.paymentsandbox.SandboxProperties.Behaviour;

/**
 * How each sandbox wallet behaves now: starts from
 * {@code flashsale.payment.sandbox.behaviours.<channel>} and is switched at runtime
 * through {@code PUT /sandbox/<channel>/behaviour}. Kept in this instance's memory: a
 * test or a demo drives one instance.
 */
class SandboxBehaviours {

	private final SandboxProperties properties;

	private final Map<String, Behaviour> current = new ConcurrentHashMap<>();

	SandboxBehaviours(SandboxProperties properties) {
		this.properties = properties;
	}

	Behaviour of(String channel) {
		return this.current.getOrDefault(channel, this.properties.behaviour(channel));
	}

	void set(String channel, Behaviour behaviour) {
		this.current.put(channel, behaviour);
	}

	/**
	 * Whether a merchant API call is refused now: the wallet is down, or this call drew a
	 * failure.
	 */
	boolean down(String channel) {
		Behaviour behaviour = of(channel);
		return behaviour.failOpen()
				|| (behaviour.failRate() > 0 && ThreadLocalRandom.current().nextDouble() < behaviour.failRate());
	}

}

package io.flashsale.configserver.switches;

import java.util.Map;

import io.flashsale.configserver.instances.Instances;
import io.flashsale.platform.degrade.SwitchRefresher;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The version services poll when the bus is down: when it differs from the one they
 * loaded, they refresh. Open without a token, like the configuration itself.
 */
@RestController
class SwitchVersionController {

	private final SwitchStore store;

	private final Instances instances;

	SwitchVersionController(SwitchStore store, Instances instances) {
		this.store = store;
		this.instances = instances;
	}

	/**
	 * The version served now. A service's poll names itself and the version it loaded
	 * ({@code X-Flashsale-Instance}, {@code X-Flashsale-Loaded-Version}), which fills the
	 * instance list ops see; the answer is the same with or without them.
	 */
	@GetMapping("/api/switches/version")
	Map<String, Long> version(@RequestHeader(name = SwitchRefresher.INSTANCE_HEADER, required = false) String instance,
			@RequestHeader(name = SwitchRefresher.LOADED_VERSION_HEADER, required = false) String loaded) {
		this.instances.polled(instance, loaded);
		return Map.of("version", this.store.current().version());
	}

}

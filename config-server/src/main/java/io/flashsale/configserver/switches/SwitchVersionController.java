package io.flashsale.configserver.switches;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The version services poll when the bus is down: when it differs from the one they
 * loaded, they refresh. Open without a token, like the configuration itself.
 */
@RestController
class SwitchVersionController {

	private final SwitchStore store;

	SwitchVersionController(SwitchStore store) {
		this.store = store;
	}

	@GetMapping("/api/switches/version")
	Map<String, Long> version() {
		return Map.of("version", this.store.current().version());
	}

}

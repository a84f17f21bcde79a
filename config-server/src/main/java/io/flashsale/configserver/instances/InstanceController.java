package io.flashsale.configserver.instances;

import java.util.List;

import io.flashsale.configserver.switches.SwitchStore;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Ops' view of the running instances (role ADMIN, as every {@code /api/admin} path). */
@RestController
class InstanceController {

	private final Instances instances;

	private final SwitchStore store;

	InstanceController(Instances instances, SwitchStore store) {
		this.instances = instances;
		this.store = store;
	}

	@GetMapping("/api/admin/instances")
	InstanceList list() {
		long current = this.store.current().version();
		return new InstanceList(current, this.instances.list(current));
	}

	/**
	 * The instances.
	 *
	 * @param version the switch version served now
	 * @param instances every instance heard of lately
	 */
	record InstanceList(long version, List<Instances.InstanceView> instances) {
	}

}

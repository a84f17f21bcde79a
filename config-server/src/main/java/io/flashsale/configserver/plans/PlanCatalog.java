package io.flashsale.configserver.plans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import tools.jackson.dataformat.yaml.YAMLMapper;

import io.flashsale.configserver.switches.SwitchAdmin;
import io.flashsale.platform.problem.ApiProblem;

import org.springframework.cloud.config.server.environment.SearchPathLocator;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The plans of config-repo/plans.yml, read from the backend's folder on every use (the
 * native folder, or the git backend's working copy after its refresh), each checked
 * against the switch catalog:
 *
 * <pre>
 * plans:
 *   peak-degrade:
 *     description: ...
 *     switches:                 # every application
 *       flashsale.switches.shed: non-core
 *     applications:             # one application
 *       gateway:
 *         flashsale.gateway.rate-limits.user.replenish-rate: 3
 * </pre>
 */
@Component
class PlanCatalog {

	static final String FILE = "plans.yml";

	private final SearchPathLocator locations;

	private final ResourceLoader resources;

	private final SwitchAdmin switches;

	private final YAMLMapper yaml = YAMLMapper.builder().build();

	PlanCatalog(SearchPathLocator locations, ResourceLoader resources, SwitchAdmin switches) {
		this.locations = locations;
		this.resources = resources;
		this.switches = switches;
	}

	List<Plan> plans() {
		Resource resource = find();
		if (resource == null) {
			return List.of();
		}
		PlansFile file;
		try (InputStream in = resource.getInputStream()) {
			file = this.yaml.readValue(in, PlansFile.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + FILE, ex);
		}
		List<Plan> plans = new ArrayList<>();
		if (file != null && file.plans() != null) {
			file.plans().forEach((name, spec) -> plans.add(plan(name, spec)));
		}
		return plans;
	}

	/**
	 * The file in the first search location that has one. (Spring Cloud Config's resource
	 * endpoint refuses relative locations such as {@code file:../config-repo/}; the name
	 * here is fixed, so there is no path to check.)
	 */
	private Resource find() {
		for (String location : this.locations.getLocations("application", "default", null).getLocations()) {
			String folder = location.replace("{application}", "application").replace("{profile}", "default");
			Resource resource = this.resources.getResource(folder + (folder.endsWith("/") ? "" : "/") + FILE);
			if (resource.exists() && resource.isReadable()) {
				return resource;
			}
		}
		return null;
	}

	Plan find(String name) {
		return plans().stream()
			.filter((plan) -> plan.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new UnknownPlan(name));
	}

	private Plan plan(String name, PlanSpec spec) {
		List<Plan.PlanValue> values = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		if (spec.switches() != null) {
			spec.switches().forEach((key, value) -> add(null, key, value, values, problems));
		}
		if (spec.applications() != null) {
			spec.applications()
				.forEach((application, keys) -> keys
					.forEach((key, value) -> add(application, key, value, values, problems)));
		}
		if (values.isEmpty() && problems.isEmpty()) {
			problems.add("it sets no switch");
		}
		return new Plan(name, (spec.description() != null) ? spec.description().trim() : "", values, problems);
	}

	private void add(String application, String key, Object value, List<Plan.PlanValue> values, List<String> problems) {
		try {
			values.add(new Plan.PlanValue(application, key, this.switches.resolve(key, application, value).value()));
		}
		catch (ApiProblem ex) {
			problems.add(ex.getMessage());
		}
	}

	/**
	 * The file.
	 *
	 * @param plans name to plan
	 */
	record PlansFile(LinkedHashMap<String, PlanSpec> plans) {

	}

	/**
	 * One plan as written.
	 *
	 * @param description what it is for
	 * @param switches values for every application
	 * @param applications values for one application each
	 */
	record PlanSpec(String description, LinkedHashMap<String, Object> switches,
			LinkedHashMap<String, LinkedHashMap<String, Object>> applications) {

	}

}

package io.flashsale.configserver.plans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every scheduled plan, in one file ({@code scheduled-plans.json}) rewritten atomically
 * on each change, so a restart finds what is still to do.
 */
final class ScheduledPlans {

	private final Path file;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Map<String, ScheduledPlan> plans = new LinkedHashMap<>();

	ScheduledPlans(Path file) {
		this.file = file;
		try {
			Files.createDirectories(file.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + file.getParent(), ex);
		}
		if (Files.isRegularFile(file)) {
			List<ScheduledPlan> stored = this.json.readValue(file.toFile(), new TypeReference<List<ScheduledPlan>>() {
			});
			stored.forEach((plan) -> this.plans.put(plan.id(), plan));
		}
	}

	synchronized List<ScheduledPlan> all() {
		List<ScheduledPlan> all = new ArrayList<>(this.plans.values());
		all.sort(Comparator.comparing(ScheduledPlan::at).thenComparing(ScheduledPlan::createdAt));
		return all;
	}

	synchronized Optional<ScheduledPlan> find(String id) {
		return Optional.ofNullable(this.plans.get(id));
	}

	synchronized void save(ScheduledPlan plan) {
		this.plans.put(plan.id(), plan);
		Path temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
		try {
			Files.write(temporary, this.json.writeValueAsBytes(new ArrayList<>(this.plans.values())),
					StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.file, ex);
		}
	}

}

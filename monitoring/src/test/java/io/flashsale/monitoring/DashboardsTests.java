package io.flashsale.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioned Grafana dashboards: each parses, has a unique uid, reads the
 * provisioned Prometheus data source, and every {@code flashsale_} metric a panel queries
 * is one the code registers (a renamed meter would leave an empty panel on the day).
 */
class DashboardsTests {

	private static final Path GRAFANA = Path.of("grafana");

	@Test
	@SuppressWarnings("unchecked")
	void everyPanelReadsTheProvisionedDataSourceAndRegisteredMeters() throws IOException {
		Map<String, Object> datasources = load(GRAFANA.resolve("provisioning/datasources/prometheus.yml"));
		String uid = (String) ((List<Map<String, Object>>) datasources.get("datasources")).get(0).get("uid");
		Set<String> registered = Meters.registered();
		List<Path> dashboards;
		try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
			dashboards = files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
		assertThat(dashboards).hasSizeGreaterThanOrEqualTo(2);
		assertThat(dashboards.stream().map((file) -> (String) load(file).get("uid")).distinct())
			.hasSameSizeAs(dashboards);
		for (Path file : dashboards) {
			Map<String, Object> dashboard = load(file);
			List<Map<String, Object>> panels = (List<Map<String, Object>>) dashboard.get("panels");
			assertThat(panels).as("%s has panels", file).isNotEmpty();
			for (Map<String, Object> panel : panels) {
				assertThat(((Map<String, Object>) panel.get("datasource")).get("uid")).isEqualTo(uid);
				for (Map<String, Object> target : (List<Map<String, Object>>) panel.get("targets")) {
					Matcher metric = Meters.FLASHSALE_METRIC.matcher((String) target.get("expr"));
					while (metric.find()) {
						assertThat(registered).as("%s panel '%s' reads %s", file, panel.get("title"), metric.group())
							.contains(Meters.base(metric.group()));
					}
				}
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> load(Path file) {
		try {
			return (Map<String, Object>) new Yaml().load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package io.flashsale.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sale's alert rules: {@code promtool} checks them and runs their unit tests when it
 * is installed (Debian's {@code prometheus} package ships it); without it, a parser-level
 * check still holds every rule to the same contract. Either way, every rule has a test
 * case and a runbook entry, and every {@code flashsale_} metric a rule reads is one the
 * code registers.
 */
class AlertRulesTests {

	private static final Path PROMETHEUS = Path.of("prometheus");

	private static final Path RULES = PROMETHEUS.resolve("rules/flashsale-alerts.yml");

	private static final Path RULE_TESTS = PROMETHEUS.resolve("tests/flashsale-alerts-test.yml");

	private static final Path ROOT = Path.of("..");

	@Test
	void promtoolAcceptsTheRulesAndTheirTestsPass(@TempDir Path dir) throws Exception {
		String promtool = promtool();
		if (promtool == null) {
			// The parser-level tests below still run; say so rather than pass silently.
			System.out.println("promtool not installed: alert rules checked at parser level only");
			return;
		}
		assertThat(run(PROMETHEUS, promtool, "check", "rules", "rules/flashsale-alerts.yml")).isZero();
		assertThat(run(PROMETHEUS, promtool, "test", "rules", "tests/flashsale-alerts-test.yml")).isZero();
		// The local scrape configuration, with a token file standing in for the real one.
		Path copy = dir.resolve("prometheus");
		Files.createDirectories(copy.resolve("rules"));
		Files.copy(RULES, copy.resolve("rules/flashsale-alerts.yml"));
		Files.copy(PROMETHEUS.resolve("prometheus.yml"), copy.resolve("prometheus.yml"));
		Files.writeString(copy.resolve("scrape-token"), "token");
		assertThat(run(copy, promtool, "check", "config", "prometheus.yml")).isZero();
	}

	@Test
	void everyRuleIsAnAlertWithSeverityRunbookAndATestCase() {
		List<Map<String, Object>> rules = rules();
		Set<String> tested = testedAlerts();
		String runbook = read(ROOT.resolve("docs/runbook.md")).toLowerCase();
		assertThat(rules).hasSizeGreaterThanOrEqualTo(14);
		for (Map<String, Object> rule : rules) {
			String alert = (String) rule.get("alert");
			assertThat(alert).as("every rule is an alert: %s", rule).isNotBlank();
			assertThat((String) rule.get("expr")).as(alert).isNotBlank();
			Map<?, ?> labels = (Map<?, ?>) rule.get("labels");
			assertThat(labels.get("severity")).as("%s severity", alert).isIn("critical", "warning");
			Map<?, ?> annotations = (Map<?, ?>) rule.get("annotations");
			assertThat((String) annotations.get("summary")).as("%s summary", alert).isNotBlank();
			assertThat(annotations.get("runbook")).as("%s runbook", alert)
				.isEqualTo("docs/runbook.md#" + alert.toLowerCase());
			assertThat(runbook).as("docs/runbook.md has a section for %s", alert)
				.contains("### " + alert.toLowerCase());
			assertThat(tested).as("a promtool test case fires %s", alert).contains(alert);
		}
	}

	@Test
	void everyFlashsaleMetricARuleReadsIsRegisteredByTheCode() {
		Set<String> registered = Meters.registered();
		assertThat(registered).contains("flashsale_orders_writer_lag", "flashsale_switches_version");
		for (Map<String, Object> rule : rules()) {
			Matcher metric = Meters.FLASHSALE_METRIC.matcher((String) rule.get("expr"));
			while (metric.find()) {
				String name = Meters.base(metric.group());
				assertThat(registered).as("%s reads %s", rule.get("alert"), metric.group()).contains(name);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rules() {
		Map<String, Object> file = yaml(RULES);
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			rules.addAll((List<Map<String, Object>>) group.get("rules"));
		}
		return rules;
	}

	@SuppressWarnings("unchecked")
	private static Set<String> testedAlerts() {
		Set<String> tested = new LinkedHashSet<>();
		for (Map<String, Object> test : (List<Map<String, Object>>) yaml(RULE_TESTS).get("tests")) {
			for (Map<String, Object> check : (List<Map<String, Object>>) test.get("alert_rule_test")) {
				if (!((List<?>) check.get("exp_alerts")).isEmpty()) {
					tested.add((String) check.get("alertname"));
				}
			}
		}
		return tested;
	}

	private static Map<String, Object> yaml(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return new Yaml().load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String promtool() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			if (Files.isExecutable(Path.of(dir, "promtool"))) {
				return Path.of(dir, "promtool").toString();
			}
		}
		return null;
	}

	private static int run(Path dir, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
		return process.exitValue();
	}

}

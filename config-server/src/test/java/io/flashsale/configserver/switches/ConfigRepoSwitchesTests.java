package io.flashsale.configserver.switches;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.flashsale.platform.degrade.PaymentChannelSwitch;
import io.flashsale.platform.degrade.Switch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * config-repo/ against the one definition of the switches ({@link Switch},
 * {@link PaymentChannelSwitch}): each switch is shipped where its readers get it, with a
 * value its definition accepts that equals its code default, and no file (plans included)
 * names a switch that is not defined.
 */
class ConfigRepoSwitchesTests {

	static final Path CONFIG_REPO = Path.of("../config-repo");

	static final String CHANNELS = "flashsale.payment.channels.";

	/** Settings of the refresh itself (poll, version check), not switches. */
	static final Set<String> REFRESH_SETTINGS = Set.of(Switch.PREFIX + "poll-interval",
			Switch.PREFIX + "version-timeout", Switch.PREFIX + "config-uri");

	final Map<String, SwitchDefinition> catalog = new LinkedHashMap<>();

	ConfigRepoSwitchesTests() {
		new SwitchCatalog((application) -> Map.of()).definitions()
			.forEach((definition) -> this.catalog.put(definition.key(), definition));
	}

	@Test
	void applicationYmlShipsEverySwitchWithItsCodeDefault() throws IOException {
		Map<String, Object> shipped = flatten(CONFIG_REPO.resolve("application.yml"));
		for (Switch definition : Switch.values()) {
			assertThat(shipped).as("config-repo/application.yml ships %s", definition.key())
				.containsKey(definition.key());
			Object value = this.catalog.get(definition.key()).normalize(shipped.get(definition.key()));
			assertThat(value).as("shipped %s", definition.key()).isEqualTo(definition.defaultValue());
		}
	}

	@Test
	void paymentServiceYmlShipsEveryChannelSwitchWithItsCodeDefault() throws IOException {
		Map<String, Object> shipped = flatten(CONFIG_REPO.resolve("payment-service.yml"));
		for (String channel : PaymentChannelSwitch.CHANNELS) {
			for (PaymentChannelSwitch definition : PaymentChannelSwitch.values()) {
				String key = definition.key(channel);
				assertThat(shipped).as("config-repo/payment-service.yml ships %s", key).containsKey(key);
				assertThat(this.catalog.get(key).normalize(shipped.get(key))).as("shipped %s", key)
					.isEqualTo(definition.defaultValue());
			}
		}
		assertThat(shipped.keySet()
			.stream()
			.filter((key) -> key.startsWith(CHANNELS))
			.map((key) -> key.substring(CHANNELS.length(), key.indexOf('.', CHANNELS.length()))))
			.as("channels in config-repo/payment-service.yml")
			.allMatch(PaymentChannelSwitch.CHANNELS::contains);
	}

	@Test
	void noFileNamesAnUndefinedSwitchOrAValueItsDefinitionRefuses() throws IOException {
		List<Path> files;
		try (Stream<Path> listed = Files.list(CONFIG_REPO)) {
			files = listed.filter((file) -> file.toString().endsWith(".yml")).sorted().toList();
		}
		assertThat(files).extracting((file) -> file.getFileName().toString())
			.contains("application.yml", "payment-service.yml", "plans.yml");
		int checked = 0;
		for (Path file : files) {
			for (Map.Entry<String, Object> entry : flatten(file).entrySet()) {
				// Plans name switches as keys inside their own (plans.NAME.switches.KEY).
				int at = entry.getKey().indexOf(Switch.PREFIX);
				if (at < 0) {
					continue;
				}
				String key = entry.getKey().substring(at);
				if (REFRESH_SETTINGS.contains(key)) {
					continue;
				}
				assertThat(this.catalog).as("%s sets %s", file.getFileName(), key).containsKey(key);
				this.catalog.get(key).normalize(entry.getValue());
				checked++;
			}
		}
		assertThat(checked).as("switch values checked").isGreaterThanOrEqualTo(Switch.values().length);
	}

	private static Map<String, Object> flatten(Path file) throws IOException {
		Map<String, Object> flat = new LinkedHashMap<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			for (Object document : new Yaml().loadAll(reader)) {
				if (document instanceof Map<?, ?> map) {
					flatten("", map, flat);
				}
			}
		}
		return flat;
	}

	private static void flatten(String path, Map<?, ?> map, Map<String, Object> flat) {
		map.forEach((key, value) -> {
			String name = path.isEmpty() ? key.toString() : path + "." + key;
			if (value instanceof Map<?, ?> nested) {
				flatten(name, nested, flat);
			}
			else {
				flat.put(name, value);
			}
		});
	}

}

package io.flashsale.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the committed OpenAPI specs under {@code docs/api/} true: a service's test
 * compares what it serves at {@code /v3/api-docs} with its committed file. Run the test
 * with {@code -Dflashsale.openapi.update=true} to rewrite the file after an intended
 * change, and commit it with that change.
 */
public final class OpenApiSpecs {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private OpenApiSpecs() {
	}

	/**
	 * Asserts the served spec equals the committed one.
	 * @param service the service name, which names the file
	 * {@code docs/api/<service>.json}
	 * @param served the JSON served at {@code /v3/api-docs}
	 */
	public static void assertMatchesCommitted(String service, String served) throws IOException {
		String normalized = normalize(served);
		Path committed = committedSpec(service);
		if (Boolean.getBoolean("flashsale.openapi.update")) {
			Files.createDirectories(committed.getParent());
			Files.writeString(committed, normalized);
		}
		assertThat(committed).as("committed spec; run with -Dflashsale.openapi.update=true to write it").exists();
		assertThat(normalized)
			.as("%s drifted from the served spec; rerun with -Dflashsale.openapi.update=true", committed)
			.isEqualTo(Files.readString(committed));
	}

	static String normalize(String spec) {
		JsonNode tree = JSON.readTree(spec);
		if (tree instanceof ObjectNode object) {
			// The server URL carries the test's random port.
			object.remove("servers");
		}
		Object sorted = JSON.treeToValue(tree, Object.class);
		return JSON.writeValueAsString(sorted) + "\n";
	}

	private static Path committedSpec(String service) {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException(
					"No project root (a folder with mvnw) above " + Path.of("").toAbsolutePath());
		}
		return dir.resolve("docs").resolve("api").resolve(service + ".json");
	}

}

package io.flashsale.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * The repository's files these checks read, and the facts of the code they compare with.
 */
final class Manifests {

	static final Path ROOT = Path.of("..");

	/** The deployable apps, each a module with an application.yml. */
	static final List<String> APPS = List.of("config-server", "inventory-service", "marketing-service", "order-service",
			"payment-service", "gateway");

	private static final Pattern PORT = Pattern.compile("port: \\$\\{(FLASHSALE_[A-Z]+_PORT):(\\d+)}");

	private Manifests() {
	}

	/** The port an app listens on by default, from its application.yml. */
	static int port(String app) {
		Matcher port = PORT.matcher(read(ROOT.resolve(app).resolve("src/main/resources/application.yml")));
		if (!port.find()) {
			throw new IllegalStateException(app + " has no server.port default");
		}
		return Integer.parseInt(port.group(2));
	}

	/** The environment variable that sets an app's port. */
	static String portVariable(String app) {
		Matcher port = PORT.matcher(read(ROOT.resolve(app).resolve("src/main/resources/application.yml")));
		if (!port.find()) {
			throw new IllegalStateException(app + " has no server.port default");
		}
		return port.group(1);
	}

	private static final Pattern REQUIRED_SECRET = Pattern.compile("\\$\\{(FLASHSALE_[A-Z_]*(?:SECRET|PASSWORD)):}");

	/**
	 * The secrets an app has no default for (it refuses to start without them outside the
	 * local profile): those in its application.yml and the starter's defaults.
	 */
	static java.util.Set<String> requiredSecrets(String app) {
		java.util.Set<String> secrets = new java.util.TreeSet<>();
		for (Path file : List.of(ROOT.resolve(app).resolve("src/main/resources/application.yml"),
				ROOT.resolve("platform-starter/src/main/resources/META-INF/flashsale-defaults.properties"),
				ROOT.resolve("platform-starter/src/main/resources/META-INF/flashsale-client-defaults.properties"))) {
			Matcher secret = REQUIRED_SECRET.matcher(read(file));
			while (secret.find()) {
				secrets.add(secret.group(1));
			}
		}
		return secrets;
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(Path file) {
		return (Map<String, Object>) new Yaml().load(read(file));
	}

	/**
	 * Every document of every YAML file under a directory, with the file it came from.
	 */
	@SuppressWarnings("unchecked")
	static Map<Path, List<Map<String, Object>>> documents(Path dir) {
		Map<Path, List<Map<String, Object>>> documents = new LinkedHashMap<>();
		try (Stream<Path> files = Files.walk(dir)) {
			files.filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
				.sorted()
				.forEach((file) -> {
					List<Map<String, Object>> docs = new ArrayList<>();
					for (Object doc : new Yaml().loadAll(read(file))) {
						if (doc != null) {
							docs.add((Map<String, Object>) doc);
						}
					}
					documents.put(file, docs);
				});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return documents;
	}

}

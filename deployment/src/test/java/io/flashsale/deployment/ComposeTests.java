package io.flashsale.deployment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} and the {@code Dockerfile}: every app is built from its
 * module with its port, health-checked on its readiness group and published on loopback;
 * every file compose mounts exists; no secret has a value in the file; the image runs as
 * a non-root user on JDK 25.
 */
class ComposeTests {

	private static final Path COMPOSE = Manifests.ROOT.resolve("docker-compose.yml");

	private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password).*");

	@Test
	@SuppressWarnings("unchecked")
	void everyAppIsBuiltFromItsModuleWithItsPortAndHealthCheck() {
		Map<String, Object> services = (Map<String, Object>) Manifests.yaml(COMPOSE).get("services");
		assertThat(services).containsKeys("redis", "mariadb", "kafka", "prometheus", "grafana");
		for (String app : Manifests.APPS) {
			Map<String, Object> service = (Map<String, Object>) services.get(app);
			assertThat(service).as("compose runs %s", app).isNotNull();
			Map<String, Object> build = (Map<String, Object>) service.get("build");
			Map<String, Object> args = (Map<String, Object>) build.get("args");
			assertThat(args).containsEntry("APP", app).containsEntry("PORT", Integer.toString(Manifests.port(app)));
			assertThat(Manifests.ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
				.exists();
			assertThat(Manifests.ROOT.resolve(app).resolve("src/main/resources/application.yml")).exists();
			int port = Manifests.port(app);
			assertThat((List<String>) service.get("ports")).containsExactly("127.0.0.1:" + port + ":" + port);
			List<String> test = (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
			assertThat(String.join(" ", test)).contains("http://127.0.0.1:" + port + "/actuator/health/readiness");
			Map<String, Object> environment = (Map<String, Object>) service.get("environment");
			assertThat(environment).containsEntry(Manifests.portVariable(app), Integer.toString(port));
			assertThat(environment).as("%s gets every secret it refuses to start without", app)
				.containsKeys(Manifests.requiredSecrets(app).toArray(String[]::new));
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void noSecretHasAValueAndEveryMountedFileExists() {
		Map<String, Object> services = (Map<String, Object>) Manifests.yaml(COMPOSE).get("services");
		services.forEach((name, value) -> {
			Map<String, Object> service = (Map<String, Object>) value;
			Object environment = service.get("environment");
			if (environment instanceof Map<?, ?> variables) {
				variables.forEach((key, setting) -> {
					if (SECRET_NAME.matcher(String.valueOf(key)).matches()) {
						assertThat(String.valueOf(setting)).as("%s %s comes from deploy/.env", name, key)
							.matches("\\$\\{[A-Z_]+:\\?.*}");
					}
				});
			}
			for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
				String source = String.valueOf(volume).split(":")[0];
				if (source.startsWith("./")) {
					if (source.endsWith("scrape-token")) {
						// Created by the operator (docs/operations.md); never committed.
						continue;
					}
					assertThat(Manifests.ROOT.resolve(source)).as("%s mounts %s", name, source).exists();
				}
			}
		});
		// Every variable compose requires is listed in the example the operator copies.
		String example = Manifests.read(Manifests.ROOT.resolve("deploy/.env.example"));
		Matcher required = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(Manifests.read(COMPOSE));
		while (required.find()) {
			assertThat(example).as("deploy/.env.example lists %s", required.group(1)).contains(required.group(1) + "=");
		}
	}

	@Test
	void theImageRunsTheModuleOnJava25AsANonRootUser() {
		String dockerfile = Manifests.read(Manifests.ROOT.resolve("Dockerfile"));
		assertThat(dockerfile).contains("FROM eclipse-temurin:25-jdk AS build")
			.contains("FROM eclipse-temurin:25-jre")
			.contains("ARG APP")
			.contains("-pl \"${APP}\" -am package")
			.contains("USER 10001")
			.contains("HEALTHCHECK")
			.contains("/actuator/health/readiness")
			.contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
		String ignored = Manifests.read(Manifests.ROOT.resolve(".dockerignore"));
		assertThat(ignored).contains("**/target").contains(".flashsale").contains("deploy/.env");
	}

}

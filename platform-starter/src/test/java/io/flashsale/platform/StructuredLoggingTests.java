package io.flashsale.platform;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.contracts.Headers;
import io.flashsale.platform.security.JwtProperties;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON logs, switched on by {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} (or
 * {@code logstash}) as Kubernetes and compose do: every line is one JSON object that
 * carries the request id and the trace id of the request it belongs to.
 */
@ActiveProfiles("local")
@SpringBootTest(classes = ServletPlatformTests.App.class,
		properties = { "spring.application.name=starter-json-logs", "logging.structured.format.console=ecs",
				"management.tracing.sampling.probability=1.0" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JwtProperties jwt;

	@Test
	void logsOneJsonObjectPerLineWithTheRequestAndTraceIds(CapturedOutput output) {
		assertThat(this.mvc.get()
			.uri("/api/boom")
			.header("Authorization", "Bearer " + new LocalTokens(this.jwt, Duration.ofMinutes(5)).user("alice"))
			.header(Headers.REQUEST_ID, "req-json-1")).hasStatus(500);

		List<JsonNode> lines = output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{"))
			.map(JSON::readTree)
			.filter((line) -> "Unhandled exception".equals(line.path("message").asString()))
			.toList();
		assertThat(lines).as(output.getOut()).hasSize(1);
		JsonNode line = lines.getFirst();
		assertThat(line.path("log").path("level").asString()).isEqualTo("ERROR");
		assertThat(line.path("service").path("name").asString()).isEqualTo("starter-json-logs");
		assertThat(line.path(Headers.REQUEST_ID).asString()).isEqualTo("req-json-1");
		assertThat(line.path("traceId").asString()).hasSize(32);
		assertThat(line.path("error").path("type").asString()).isEqualTo(IllegalStateException.class.getName());
	}

}

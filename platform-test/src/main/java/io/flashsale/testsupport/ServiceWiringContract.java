package io.flashsale.testsupport;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Tracer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.flashsale.contracts.Headers;
import io.flashsale.platform.degrade.Graded;
import io.flashsale.platform.degrade.GradedEndpoints;
import io.flashsale.platform.messaging.ProcessedMessages;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every servlet service proves about its wiring, on real servers: a Lua round trip
 * on Redis, its Flyway-migrated schema through MyBatis, a Kafka produce and consume that
 * carries the request context, health groups, metrics and token checks.
 *
 * <p>
 * A service's {@code *IntegrationTests} extends this and is annotated
 * {@link IntegrationTest}.
 */
public abstract class ServiceWiringContract {

	@Autowired
	protected StringRedisTemplate redis;

	@Autowired
	protected ProcessedMessages processedMessages;

	@Autowired
	protected KafkaTemplate<String, String> kafka;

	@Autowired
	protected KafkaAdmin kafkaAdmin;

	@Autowired
	protected ConsumerFactory<String, String> consumers;

	@Autowired
	protected Tracer tracer;

	@Autowired
	protected LocalTokens tokens;

	@Autowired
	protected ApplicationContext context;

	@Value("${spring.application.name}")
	protected String application;

	@LocalServerPort
	protected int port;

	protected RestClient http() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void runsALuaScriptAtomicallyOnRealRedis() {
		String key = "wiring:{" + UUID.randomUUID() + "}:counter";
		RedisScript<Long> script = RedisScript.of("""
				local left = redis.call('DECRBY', KEYS[1], ARGV[1])
				if left < 0 then redis.call('INCRBY', KEYS[1], ARGV[1]) return -1 end
				return left""", Long.class);
		this.redis.opsForValue().set(key, "3");
		assertThat(this.redis.execute(script, List.of(key), "2")).isEqualTo(1L);
		assertThat(this.redis.execute(script, List.of(key), "2")).isEqualTo(-1L);
		assertThat(this.redis.opsForValue().get(key)).isEqualTo("1");
		this.redis.delete(key);
	}

	@Test
	void recordsProcessedMessagesInItsMigratedSchemaThroughMyBatis() {
		String messageId = UUID.randomUUID().toString();
		assertThat(this.processedMessages.isProcessed("wiring", messageId)).isFalse();
		assertThat(this.processedMessages.markProcessed("wiring", messageId)).isEqualTo(1);
		assertThat(this.processedMessages.markProcessed("wiring", messageId)).isZero();
		assertThat(this.processedMessages.isProcessed("wiring", messageId)).isTrue();
	}

	@Test
	void recordsABatchOfProcessedMessagesOnceEach() {
		String before = UUID.randomUUID().toString();
		String first = UUID.randomUUID().toString();
		String second = UUID.randomUUID().toString();
		String third = UUID.randomUUID().toString();
		assertThat(this.processedMessages.markProcessed("wiring", before)).isEqualTo(1);
		assertThat(this.processedMessages.markAllProcessed("wiring", List.of(before, first, second)))
			.containsExactly(first, second);
		assertThat(this.processedMessages.markAllProcessed("wiring", List.of(second, third, first)))
			.containsExactly(third);
		assertThat(this.processedMessages.markAllProcessed("wiring", List.of(first, third))).isEmpty();
		assertThat(this.processedMessages.isProcessed("wiring", third)).isTrue();
	}

	/**
	 * A batch with a 65-character message id is refused whole: no id of it is recorded,
	 * and the long one not truncated.
	 */
	@Test
	void refusesABatchWithAnOverlongProcessedMessageIdWhole() {
		String fine = UUID.randomUUID().toString();
		String overlong = "y".repeat(64) + UUID.randomUUID().toString().substring(0, 1);
		assertThatThrownBy(() -> this.processedMessages.markAllProcessed("wiring", List.of(fine, overlong)))
			.isInstanceOf(DataAccessException.class)
			.isNotInstanceOf(DuplicateKeyException.class);
		assertThat(this.processedMessages.isProcessed("wiring", fine)).isFalse();
		assertThat(this.processedMessages.isProcessed("wiring", overlong.substring(0, 64))).isFalse();
	}

	/**
	 * A 65-character message id (the column holds 64) is refused with an error, not
	 * recorded truncated to 64 (which would mark another message processed).
	 */
	@Test
	void refusesAnOverlongProcessedMessageIdInsteadOfTruncatingIt() {
		String messageId = "x".repeat(64) + UUID.randomUUID().toString().substring(0, 1);
		assertThatThrownBy(() -> this.processedMessages.markProcessed("wiring", messageId))
			.isInstanceOf(DataAccessException.class)
			.isNotInstanceOf(DuplicateKeyException.class);
		assertThat(this.processedMessages.isProcessed("wiring", messageId.substring(0, 64))).isFalse();
	}

	@Test
	void producesAndConsumesOnRealKafkaCarryingTheRequestContext() throws Exception {
		String topic = this.application + ".wiring-check";
		this.kafkaAdmin.createOrModifyTopics(new NewTopic(topic, 1, (short) 1));
		String requestId = "req-" + UUID.randomUUID();
		try (BaggageInScope scope = this.tracer.createBaggageInScope(Headers.REQUEST_ID, requestId)) {
			this.kafka.send(topic, "order-1", requestId).get();
		}
		try (Consumer<String, String> consumer = this.consumers.createConsumer("wiring-" + UUID.randomUUID(), null)) {
			consumer.subscribe(List.of(topic));
			ConsumerRecord<String, String> received = poll(consumer, requestId);
			assertThat(received).as("record %s on %s", requestId, topic).isNotNull();
			Header header = received.headers().lastHeader(Headers.REQUEST_ID);
			assertThat(header).as("request id header").isNotNull();
			assertThat(new String(header.value())).isEqualTo(requestId);
		}
	}

	@Test
	void isReadyWithItsServersAndLiveOnItsOwn() {
		ResponseEntity<String> readiness = http().get()
			.uri("/actuator/health/readiness")
			.retrieve()
			.toEntity(String.class);
		assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(readiness.getBody()).contains("\"redis\"", "\"db\"", "\"kafka\"").doesNotContain("DOWN");
		assertThat(http().get().uri("/actuator/health/liveness").retrieve().toEntity(String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void exportsPrometheusMetricsWithCommonTagsToOperatorsOnly() {
		assertThat(http().get().uri("/actuator/prometheus").retrieve().toEntity(String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(getWithToken("/actuator/prometheus", this.tokens.user("alice")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<String> scrape = getWithToken("/actuator/prometheus",
				this.tokens.mint("scraper", List.of("OPS")));
		assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(scrape.getBody()).contains("application=\"" + this.application + "\"")
			.contains("instance_id=\"")
			.doesNotContain(",instance=\"")
			.doesNotContain("{instance=\"");
	}

	@Test
	void answersCallersWithoutAValidTokenWith401Problem() {
		ResponseEntity<String> anonymous = http().get().uri("/api/anything").retrieve().toEntity(String.class);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getBody()).contains("\"code\":\"unauthenticated\"");
		ResponseEntity<String> forged = getWithToken("/api/anything", this.tokens.user("alice") + "x");
		assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void keepsActuatorInternalsForAdmins() {
		assertThat(getWithToken("/actuator/metrics", this.tokens.user("alice")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(getWithToken("/actuator/metrics", this.tokens.admin("ops")).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	/**
	 * Every endpoint of the service declares its grade (CORE, IMPORTANT, NON_CORE) with
	 * {@link Graded}, and every fallback it names exists and fits its handler. Spring's
	 * own handlers (error page) and springdoc's are not the service's endpoints.
	 */
	@Test
	void gradesEveryEndpointWithAFallbackThatFits() {
		List<String> handlers = new ArrayList<>();
		List<String> ungraded = new ArrayList<>();
		this.context.getBeansOfType(RequestMappingHandlerMapping.class)
			.values()
			.forEach((mapping) -> mapping.getHandlerMethods().forEach((info, handler) -> {
				Class<?> type = ClassUtils.getUserClass(handler.getBeanType());
				if (type.getName().startsWith("org.springframework.") || type.getName().startsWith("org.springdoc.")) {
					return;
				}
				Method method = handler.getMethod();
				String name = type.getSimpleName() + "." + method.getName() + " " + info;
				handlers.add(name);
				Graded graded = GradedEndpoints.gradeOf(method, type);
				if (graded == null) {
					ungraded.add(name);
				}
				else {
					GradedEndpoints.fallbackOf(method, type, graded);
				}
			}));
		assertThat(handlers).as("the service's handler methods").isNotEmpty();
		assertThat(ungraded).as("handler methods without @Graded").isEmpty();
	}

	private ResponseEntity<String> getWithToken(String path, String token) {
		return http().get().uri(path).header("Authorization", "Bearer " + token).retrieve().toEntity(String.class);
	}

	private static ConsumerRecord<String, String> poll(Consumer<String, String> consumer, String value) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
			for (ConsumerRecord<String, String> record : records) {
				if (value.equals(record.value())) {
					return record;
				}
			}
		}
		return null;
	}

}

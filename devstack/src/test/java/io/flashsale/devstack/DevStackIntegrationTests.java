package io.flashsale.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Starts one ephemeral stack of real servers for the whole class; the last test closes
 * it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevStackIntegrationTests {

	@TempDir
	static Path tempDir;

	private static DevStack stack;

	@BeforeAll
	static void startStack() {
		stack = DevStack.start(DevStackSettings.ephemeral(tempDir.resolve("stack")));
	}

	@AfterAll
	static void closeStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void everyComponentIsAliveWithItsOwnProcess() {
		assertThat(stack.components()).containsOnlyKeys("redis", "mariadb", "kafka");
		assertThat(stack.components().values()).allSatisfy((state) -> {
			assertThat(state.alive()).as(state.name()).isTrue();
			assertThat(ProcessHandle.of(state.pid())).as(state.name()).isPresent();
		});
		assertThat(stack.components().get("kafka").endpoint()).isEqualTo(stack.kafkaBootstrapServers());
	}

	@Test
	@Order(2)
	void redisSetThenGet() throws IOException {
		assertThat(redis("SET", "flashsale:greeting", "hello")).isEqualTo("OK");
		assertThat(redis("GET", "flashsale:greeting")).isEqualTo("hello");
	}

	@Test
	@Order(3)
	void serviceUserCreatesInsertsAndSelectsInItsOwnSchema() throws SQLException {
		assertThat(stack.databaseUser("orders")).isEqualTo("order_service");
		try (Connection connection = connect("orders", "orders"); Statement statement = connection.createStatement()) {
			statement.execute("create table flash_order (id bigint primary key, sku varchar(32) not null)");
			statement.executeUpdate("insert into flash_order (id, sku) values (1, 'sku-1')");
			try (ResultSet result = statement.executeQuery("select sku from flash_order where id = 1")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getString("sku")).isEqualTo("sku-1");
			}
		}
	}

	@Test
	@Order(4)
	void serviceUserIsDeniedEveryOtherSchema() throws SQLException {
		try (Connection payments = connect("payments", "payments"); Statement statement = payments.createStatement()) {
			statement.execute("create table payment (id bigint primary key)");
			statement.executeUpdate("insert into payment (id) values (1)");
		}
		try (Connection orders = connect("orders", "orders"); Statement statement = orders.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.executeQuery("select id from payments.payment"))
				.withMessageContaining("denied");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("create table payments.stolen (id bigint)"))
				.withMessageContaining("denied");
			List<String> visible = new ArrayList<>();
			try (ResultSet result = statement.executeQuery("show databases")) {
				while (result.next()) {
					visible.add(result.getString(1));
				}
			}
			assertThat(visible).contains("orders").doesNotContain("payments", "marketing", "inventory", "mysql");
		}
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect("payments", "orders").close())
			.withMessageContaining("denied");
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl("orders"), "flashsale", "flashsale").close())
			.withMessageContaining("denied");
	}

	@Test
	@Order(5)
	void kafkaProduceThenConsume() throws Exception {
		String topic = "devstack.round-trip";
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "order-1", "created")).get(30, TimeUnit.SECONDS);
		}
		Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "devstack-tests",
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<String, String>> received = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (received.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(received::add);
			}
		}
		assertThat(received).singleElement().satisfies((record) -> {
			assertThat(record.key()).isEqualTo("order-1");
			assertThat(record.value()).isEqualTo("created");
		});
	}

	@Test
	@Order(6)
	void startRefusesATakenPortOrAStateDirInUse() {
		int[] free = Ports.freeLoopbackPorts(3);
		DevStackSettings clash = new DevStackSettings(tempDir.resolve("clash"), DevStackSettings.LOOPBACK,
				stack.redisPort(), free[0], free[1], free[2], DevStackSettings.DEFAULT_SCHEMAS, true);
		assertThatIllegalStateException().isThrownBy(() -> DevStack.start(clash))
			.withMessageContaining("port " + stack.redisPort() + " (redis) is already in use by pid "
					+ stack.components().get("redis").pid() + ": ");
		assertThat(clash.stateDir()).doesNotExist();

		DevStackSettings shared = new DevStackSettings(stack.settings().stateDir(), DevStackSettings.LOOPBACK, free[0],
				free[1], free[2], Ports.freeLoopbackPorts(1)[0], DevStackSettings.DEFAULT_SCHEMAS, false);
		assertThatIllegalStateException().isThrownBy(() -> DevStack.start(shared))
			.withMessageContaining("in use by another running devstack");
	}

	@Test
	@Order(7)
	void redisGoesDownAndComesBackOnTheSamePort() throws IOException {
		long firstPid = stack.components().get("redis").pid();
		stack.stop("redis");
		assertThat(stack.components().get("redis").alive()).isFalse();
		assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> redis("PING"));

		stack.start("redis");
		assertThat(redis("PING")).isEqualTo("PONG");
		assertThat(stack.components().get("redis").alive()).isTrue();
		assertThat(stack.components().get("redis").pid()).isNotEqualTo(firstPid);
		assertThat(stack.firstUnexpectedExit()).isEmpty();
	}

	@Test
	@Order(8)
	void redisKeepsEvery1000CountersAcrossAGracefulRestart() throws IOException {
		for (int i = 0; i < 1000; i++) {
			redis("INCRBY", "stock:graceful:" + i, Integer.toString(i + 1));
		}
		stack.stop("redis");
		stack.start("redis");
		assertThat(redis("DBSIZE")).isEqualTo(":1001"); // and flashsale:greeting
		for (int i = 0; i < 1000; i++) {
			assertThat(redis("GET", "stock:graceful:" + i)).isEqualTo(Integer.toString(i + 1));
		}
	}

	@Test
	@Order(9)
	void redisKeepsEvery1000CountersWhenKilledWithSigkill1500MillisAfterTheLastWrite() throws Exception {
		for (int i = 0; i < 1000; i++) {
			redis("DECR", "stock:graceful:" + i);
		}
		Thread.sleep(1500);
		long pid = stack.components().get("redis").pid();
		stack.kill("redis");
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		stack.start("redis");
		for (int i = 0; i < 1000; i++) {
			assertThat(redis("GET", "stock:graceful:" + i)).isEqualTo(Integer.toString(i));
		}
		assertThat(redis("GET", "flashsale:greeting")).isEqualTo("hello");
	}

	@Test
	@Order(10)
	void redisThatDiesIsReportedWhileTheOthersKeepRunningAndStartsAgain() throws Exception {
		ProcessHandle redis = ProcessHandle.of(stack.components().get("redis").pid()).orElseThrow();
		redis.destroyForcibly();
		redis.onExit().get(10, TimeUnit.SECONDS);

		assertThat(stack.firstUnexpectedExit())
			.hasValueSatisfying((dead) -> assertThat(dead.name()).isEqualTo("redis"));
		assertThat(stack.components().get("mariadb").alive()).isTrue();
		assertThat(stack.components().get("kafka").alive()).isTrue();
		stack.start("redis");
		assertThat(redis("PING")).isEqualTo("PONG");
		assertThat(stack.firstUnexpectedExit()).isEmpty();
	}

	@Test
	@Order(11)
	void kafkaStopsWhileRedisAndMariadbAnswerAndComesBackWithItsTopicAndRecord() throws Exception {
		stack.stop("kafka");
		assertThat(stack.components().get("kafka").alive()).isFalse();
		assertThat(Ports.accepts(stack.settings().host(), stack.settings().kafkaPort())).isFalse();
		assertThat(redis("PING")).isEqualTo("PONG");
		try (Connection connection = connect("orders", "orders");
				ResultSet result = connection.createStatement().executeQuery("select count(*) from flash_order")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isEqualTo(1);
		}

		stack.start("kafka");
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
			assertThat(admin.describeTopics(List.of("devstack.round-trip"))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get("devstack.round-trip")
				.partitions()).hasSize(3);
		}
		assertThat(consumeAll("devstack.round-trip", "devstack-after-restart", 1)).singleElement()
			.satisfies((record) -> {
				assertThat(record.key()).isEqualTo("order-1");
				assertThat(record.value()).isEqualTo("created");
			});
	}

	@Test
	@Order(12)
	void mariadbKeepsARowWrittenBeforeAStopAndAKill() throws SQLException, IOException {
		try (Connection connection = connect("orders", "orders")) {
			connection.createStatement().executeUpdate("insert into flash_order (id, sku) values (2, 'sku-2')");
		}
		stack.stop("mariadb");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> connect("orders", "orders").close());
		assertThat(redis("PING")).isEqualTo("PONG");
		stack.start("mariadb");
		assertThat(skuOfOrder(2)).isEqualTo("sku-2");

		try (Connection connection = connect("orders", "orders")) {
			connection.createStatement().executeUpdate("insert into flash_order (id, sku) values (3, 'sku-3')");
		}
		stack.kill("mariadb");
		stack.start("mariadb");
		assertThat(skuOfOrder(3)).isEqualTo("sku-3");
		assertThat(stack.firstUnexpectedExit()).isEmpty();
	}

	@Test
	@Order(13)
	void unknownServerNamesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> stack.stop("postgres"))
			.withMessageContaining("Unknown server");
		assertThatIllegalArgumentException().isThrownBy(() -> stack.stop("gateway"));
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void closeLeavesNoProcessNoListeningPortAndNoStateDir() {
		DevStackSettings settings = stack.settings();
		List<Long> pids = stack.components().values().stream().map(ComponentState::pid).toList();

		stack.close();
		stack.close();

		assertThat(pids).allSatisfy(
				(pid) -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid %d", pid).isEmpty());
		assertThat(List.of(settings.redisPort(), settings.mariadbPort(), settings.kafkaPort(),
				settings.kafkaControllerPort()))
			.allSatisfy((port) -> assertThat(Ports.accepts(settings.host(), port)).as("port %d", port).isFalse());
		assertThat(stack.components().values()).noneMatch(ComponentState::alive);
		assertThat(settings.stateDir()).doesNotExist();
	}

	/** Connects to a schema as the user of another (or the same) schema. */
	private static Connection connect(String schema, String userOfSchema) throws SQLException {
		return DriverManager.getConnection(stack.jdbcUrl(schema), stack.databaseUser(userOfSchema),
				stack.databasePassword(userOfSchema));
	}

	private static String skuOfOrder(long id) throws SQLException {
		try (Connection connection = connect("orders", "orders");
				ResultSet result = connection.createStatement()
					.executeQuery("select sku from flash_order where id = " + id)) {
			return result.next() ? result.getString(1) : null;
		}
	}

	private static List<ConsumerRecord<String, String>> consumeAll(String topic, String group, int expected) {
		Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<String, String>> received = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (received.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(received::add);
			}
			// A moment more, so that a surplus record would show.
			consumer.poll(Duration.ofMillis(500)).forEach(received::add);
		}
		return received;
	}

	/** Sends one command in RESP and returns the simple or bulk string reply. */
	private static String redis(String... command) throws IOException {
		try (Socket socket = new Socket(stack.redisHost(), stack.redisPort())) {
			socket.setSoTimeout(5000);
			StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
			for (String part : command) {
				request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
				request.append(part).append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String reply = in.readLine();
			return switch (reply.charAt(0)) {
				case '+' -> reply.substring(1);
				case ':' -> reply;
				case '$' -> in.readLine();
				default -> throw new IOException("Unexpected reply: " + reply);
			};
		}
	}

}

package io.flashsale.platform.degrade;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.platform.security.JwtProperties;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Graded handlers on a bare servlet application: what each shed level sheds, fallbacks
 * with the handler's arguments, 503 degraded with Retry-After, the shed counter.
 */
@ActiveProfiles("local")
@SpringBootTest(classes = SheddingTests.App.class,
		properties = { "spring.application.name=degrade-test", "flashsale.degrade.retry-after=45s" })
@AutoConfigureMockMvc
class SheddingTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	JwtProperties jwt;

	@Autowired
	MeterRegistry meters;

	@Autowired
	App.Shop shop;

	@AfterEach
	void restore() {
		this.environment.getPropertySources().remove("test-switches");
	}

	@Test
	void answersEveryGradeNormallyWhileNothingIsShed() {
		assertThat(get("/api/buy/7")).hasStatusOk().bodyText().isEqualTo("bought 7");
		assertThat(get("/api/info/7")).hasStatusOk().bodyText().isEqualTo("live 7");
		assertThat(get("/api/report")).hasStatusOk().bodyText().isEqualTo("report");
	}

	@Test
	void shedsNonCoreOnlyOnNonCore() {
		shed("non-core");
		int calls = this.shop.reportCalls();
		assertThat(get("/api/buy/7")).hasStatusOk().bodyText().isEqualTo("bought 7");
		assertThat(get("/api/info/7")).hasStatusOk().bodyText().isEqualTo("live 7");
		assertThat(get("/api/report")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader("Retry-After", "45")
			.bodyJson()
			.hasPathSatisfying("$.code", (code) -> assertThat(code).asString().isEqualTo("degraded"))
			.hasPathSatisfying("$.retryAfterSeconds", (seconds) -> assertThat(seconds).asNumber().isEqualTo(45));
		assertThat(this.shop.reportCalls()).isEqualTo(calls);
		assertThat(
				this.meters.counter("flashsale.degrade.shed", "grade", "non-core", "endpoint", "Shop.report").count())
			.isPositive();
	}

	@Test
	void shedsImportantWithItsFallbackAndNonCoreOnImportant() {
		shed("important");
		assertThat(get("/api/buy/7")).hasStatusOk().bodyText().isEqualTo("bought 7");
		assertThat(get("/api/info/7")).hasStatusOk().bodyText().isEqualTo("cached 7");
		assertThat(get("/api/report")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void answersTheLastCachedAnswerAndDegradedWhereThereIsNone() {
		assertThat(get("/api/list/1")).hasStatusOk().bodyText().isEqualTo("page 1 v1");
		shed("non-core");
		assertThat(get("/api/list/1")).hasStatusOk().bodyText().isEqualTo("page 1 v1");
		assertThat(get("/api/list/2")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader("Retry-After", "45")
			.bodyJson()
			.hasPathSatisfying("$.code", (code) -> assertThat(code).asString().isEqualTo("degraded"));
		restore();
		assertThat(get("/api/list/1")).hasStatusOk().bodyText().isEqualTo("page 1 v2");
	}

	@Test
	void rejectsAFallbackThatDoesNotFitItsHandler() throws Exception {
		Graded graded = App.Broken.class.getDeclaredMethod("handler", long.class).getAnnotation(Graded.class);
		assertThatIllegalStateException().isThrownBy(() -> GradedEndpoints
			.fallbackOf(App.Broken.class.getDeclaredMethod("handler", long.class), App.Broken.class, graded));
	}

	@Test
	void readsSwitchesLiveWithShippedDefaults() {
		LiveSwitches switches = new LiveSwitches(this.environment);
		assertThat(switches.shed()).isEqualTo(ShedLevel.NONE);
		assertThat(List.of(switches.saleKill(), switches.passiveCancel(), switches.counterAutoRebuild(),
				switches.verboseLogging(), switches.slowSqlGuard()))
			.containsExactly(false, true, true, false, false);
		assertThat(switches.slowSqlBudget().toMillis()).isEqualTo(200);
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("test-switches", Map.of(Switch.SALE_KILL.key(), "true",
					Switch.SLOW_SQL_BUDGET_MS.key(), "50", Switch.SHED.key(), "bogus")));
		assertThat(switches.saleKill()).isTrue();
		assertThat(switches.slowSqlBudget().toMillis()).isEqualTo(50);
		assertThat(switches.shed()).isEqualTo(ShedLevel.NONE);
	}

	private void shed(String level) {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("test-switches", Map.of(Switch.SHED.key(), level)));
	}

	private MockMvcTester.MockMvcRequestBuilder get(String path) {
		return this.mvc.get()
			.uri(path)
			.header("Authorization", "Bearer " + new LocalTokens(this.jwt, Duration.ofMinutes(5)).user("alice"));
	}

	@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration" })
	static class App {

		@RestController
		@Graded(Grade.CORE)
		static class Shop {

			private final AtomicInteger reportCalls = new AtomicInteger();

			int reportCalls() {
				return this.reportCalls.get();
			}

			@GetMapping("/api/buy/{id}")
			String buy(@PathVariable long id) {
				return "bought " + id;
			}

			@GetMapping("/api/info/{id}")
			@Graded(value = Grade.IMPORTANT, fallback = "cachedInfo")
			String info(@PathVariable long id) {
				return "live " + id;
			}

			String cachedInfo(long id) {
				return "cached " + id;
			}

			private final AtomicInteger listVersion = new AtomicInteger();

			private final LastAnswers<Integer, String> lastPages = new LastAnswers<>(2);

			@GetMapping("/api/list/{page}")
			@Graded(value = Grade.NON_CORE, fallback = "lastPage")
			String list(@PathVariable int page) {
				return this.lastPages.remember(page, "page " + page + " v" + this.listVersion.incrementAndGet());
			}

			String lastPage(int page) {
				return this.lastPages.recall(page).orElseThrow(() -> new Degraded(Grade.NON_CORE));
			}

			@GetMapping("/api/report")
			@Graded(Grade.NON_CORE)
			String report() {
				this.reportCalls.incrementAndGet();
				return "report";
			}

		}

		static class Broken {

			@Graded(value = Grade.IMPORTANT, fallback = "missing")
			String handler(long id) {
				return "x";
			}

		}

		@Bean
		Shop shop() {
			return new Shop();
		}

	}

}

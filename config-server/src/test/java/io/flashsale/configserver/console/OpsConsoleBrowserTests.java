package io.flashsale.configserver.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.flashsale.configserver.AdminApi;
import io.flashsale.configserver.ConfigServerTest;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.switchclient.SwitchClientApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ops console in a real browser (Debian's headless Chromium through its chromedriver)
 * against a running config server and two running service instances polling it: sign in
 * with an ops token, flip the kill switch from the page, see both instances report the
 * new version, roll back from the page, see them report that too. Screenshots of each
 * step are kept in {@code target/console-screenshots/}.
 */
@ConfigServerTest
class OpsConsoleBrowserTests {

	private static final String KILL = "flashsale.switches.sale-kill";

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	KafkaConnectionDetails kafka;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private WebDriver browser;

	@BeforeEach
	void startFromTheShippedDefaults() {
		rollbackTo(0);
		this.browser = chromium();
	}

	@AfterEach
	void stopEverything() {
		if (this.browser != null) {
			this.browser.quit();
		}
		this.instances.forEach(ConfigurableApplicationContext::close);
		rollbackTo(0);
	}

	@Test
	void flipsTheKillSwitchSeesEveryInstanceLoadItAndRollsBack() throws Exception {
		this.instances.add(startInstance("a"));
		this.instances.add(startInstance("b"));
		// The page re-renders its tables every 2 s: an element read mid-render is read
		// again.
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.ignoring(StaleElementReferenceException.class);

		this.browser.get("http://127.0.0.1:" + this.port + "/console.html");
		this.browser.findElement(By.id("token")).sendKeys(this.tokens.admin("ops-alice"));
		this.browser.findElement(By.cssSelector("#login button")).click();
		wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
		wait.until((driver) -> instanceStates(driver).size() == 2
				&& instanceStates(driver).stream().allMatch("current"::equals));
		screenshot("01-signed-in");

		WebElement kill = killRow(wait);
		assertThat(kill.findElement(By.cssSelector("td.value")).getText()).isEqualTo("false");
		new Select(kill.findElement(By.tagName("select"))).selectByValue("true");
		kill.findElement(By.cssSelector("button[data-key='" + KILL + "']")).click();
		answerPrompt(wait, "browser test: stop the sale");
		wait.until((driver) -> "true".equals(killRow(wait).findElement(By.cssSelector("td.value")).getText()));
		long killedVersion = shownVersion();
		assertThat(killedVersion).isPositive();
		wait.until((driver) -> instanceStates(driver).equals(List.of("current", "current"))
				&& loadedVersions(driver).equals(List.of(killedVersion, killedVersion)));
		screenshot("02-kill-switch-on-every-instance");
		for (ConfigurableApplicationContext instance : this.instances) {
			assertThat(instance.getEnvironment().getProperty(KILL)).isEqualTo("true");
		}

		this.browser.findElement(By.cssSelector("button[data-rollback='" + (killedVersion - 1) + "']")).click();
		answerPrompt(wait, "browser test: reopen the sale");
		wait.until((driver) -> "false".equals(killRow(wait).findElement(By.cssSelector("td.value")).getText()));
		long rolledBack = shownVersion();
		assertThat(rolledBack).isGreaterThan(killedVersion);
		wait.until((driver) -> instanceStates(driver).equals(List.of("current", "current"))
				&& loadedVersions(driver).equals(List.of(rolledBack, rolledBack)));
		screenshot("03-rolled-back-everywhere");
		for (ConfigurableApplicationContext instance : this.instances) {
			assertThat(instance.getEnvironment().getProperty(KILL)).isEqualTo("false");
		}
		assertThat(
				this.browser.findElement(By.cssSelector("tr[data-version='" + killedVersion + "'] td.diff")).getText())
			.contains(KILL)
			.contains("true");
	}

	private WebElement killRow(WebDriverWait wait) {
		return wait
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-switch='" + KILL + "']")));
	}

	private static void answerPrompt(WebDriverWait wait, String reason) {
		wait.until(ExpectedConditions.alertIsPresent()).sendKeys(reason);
		wait.until(ExpectedConditions.alertIsPresent()).accept();
	}

	private long shownVersion() {
		String text = this.browser.findElement(By.id("version")).getText();
		return Long.parseLong(text.replaceAll("\\D", ""));
	}

	private static List<String> instanceStates(WebDriver driver) {
		return driver
			.findElements(By.cssSelector("#instances tbody tr[data-instance^='switch-client '] td:nth-child(4)"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private static List<Long> loadedVersions(WebDriver driver) {
		return driver.findElements(By.cssSelector("#instances tbody tr[data-instance^='switch-client '] td.loaded"))
			.stream()
			.map(WebElement::getText)
			.map((text) -> text.matches("\\d+") ? Long.parseLong(text) : -1L)
			.toList();
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		byte[] png = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES);
		Files.write(SCREENSHOTS.resolve(name + ".png"), png);
		assertThat(png.length).as("screenshot %s", name).isGreaterThan(1_000);
	}

	private ConfigurableApplicationContext startInstance(String name) {
		return new SpringApplicationBuilder(SwitchClientApplication.class).main(SwitchClientApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.profiles.active=local", "--spring.config.name=switch-client",
					"--spring.application.name=switch-client", "--flashsale.instance-id=console-" + name,
					"--spring.config.import=optional:configserver:http://127.0.0.1:" + this.port,
					"--spring.cloud.config.enabled=true",
					"--spring.kafka.bootstrap-servers=" + String.join(",", this.kafka.getBootstrapServers()),
					"--spring.cloud.bus.enabled=false", "--flashsale.switches.poll-interval=500ms");
	}

	private void rollbackTo(long version) {
		var answer = new AdminApi(this.port).call(HttpMethod.POST, "/api/admin/switches/rollback",
				java.util.Map.of("version", version, "reason", "console test"), this.tokens.admin("ops-alice"));
		assertThat(answer.status()).isEqualTo(200);
	}

	/**
	 * Debian's Chromium and its chromedriver, headless; the test command installs both.
	 */
	private static WebDriver chromium() {
		Path driver = Path.of("/usr/bin/chromedriver");
		Path binary = Path.of("/usr/bin/chromium");
		assertThat(driver).as("chromedriver (Debian package chromium-driver; ./flashsale test installs it)")
			.isExecutable();
		assertThat(binary).as("chromium (Debian package chromium)").isExecutable();
		ChromeOptions options = new ChromeOptions().setBinary(binary.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--window-size=1400,2200");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

}

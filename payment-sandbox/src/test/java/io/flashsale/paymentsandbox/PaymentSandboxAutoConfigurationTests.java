package io.flashsale.paymentsandbox;

import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.SqlSessionTemplate;
import org.mybatis.spring.transaction.SpringManagedTransactionFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard on the sandbox wallets: the auto-configuration creates them in the
 * {@code local} profile only, and there they can still be switched off. No setting turns
 * them on anywhere else.
 */
class PaymentSandboxAutoConfigurationTests {

	// What the host (payment-service) brings: MyBatis, Jackson, a RestClient builder. The
	// database is never reached: nothing here runs a statement before the context closes.
	final ApplicationContextRunner host = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PaymentSandboxAutoConfiguration.class))
		.withBean(SqlSessionTemplate.class, PaymentSandboxAutoConfigurationTests::mybatisWithoutADatabase)
		.withBean(JsonMapper.class, () -> JsonMapper.builder().build())
		.withBean(RestClient.Builder.class, RestClient::builder)
		.withPropertyValues("flashsale.payment.sandbox.notify-interval=1h");

	@Test
	void existsInTheLocalProfile() {
		this.host.withPropertyValues("spring.profiles.active=local").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SandboxController.class)
				.hasSingleBean(SandboxBook.class)
				.hasSingleBean(SandboxNotifier.class)
				.hasSingleBean(SandboxTrades.class)
				.hasSingleBean(SandboxNotifications.class);
		});
	}

	@Test
	void staysOffWithoutTheLocalProfile() {
		this.host.run(noSandbox());
	}

	@Test
	void staysOffInAnotherProfileEvenWhenEnabledExplicitly() {
		this.host.withPropertyValues("spring.profiles.active=deployed,prod", "flashsale.payment.sandbox.enabled=true")
			.run(noSandbox());
	}

	@Test
	void canBeSwitchedOffInTheLocalProfile() {
		this.host.withPropertyValues("spring.profiles.active=local", "flashsale.payment.sandbox.enabled=false")
			.run(noSandbox());
	}

	private static SqlSessionTemplate mybatisWithoutADatabase() {
		Configuration configuration = new Configuration(new Environment("test", new SpringManagedTransactionFactory(),
				new DriverManagerDataSource("jdbc:mariadb://127.0.0.1:1/none")));
		return new SqlSessionTemplate(new SqlSessionFactoryBuilder().build(configuration));
	}

	private static ContextConsumer<AssertableApplicationContext> noSandbox() {
		return (context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(PaymentSandboxAutoConfiguration.class)
			.doesNotHaveBean(SandboxProperties.class)
			.doesNotHaveBean(SandboxController.class)
			.doesNotHaveBean(SandboxBook.class)
			.doesNotHaveBean(SandboxNotifier.class)
			.doesNotHaveBean(SandboxTrades.class)
			.doesNotHaveBean(SandboxNotifications.class);
	}

}

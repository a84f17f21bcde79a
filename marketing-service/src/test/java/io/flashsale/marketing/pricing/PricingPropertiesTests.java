package io.flashsale.marketing.pricing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pricing settings as {@code config-repo/} ships them bind to the same values as the
 * code's defaults, and a stacking matrix in configuration is what the engine obeys.
 */
class PricingPropertiesTests {

	@Test
	void configRepoShipsTheCodeDefaults() throws Exception {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("marketing-service",
				new FileSystemResource(Path.of("../config-repo/marketing-service.yml")));
		PricingProperties shipped = new Binder(ConfigurationPropertySources.from(sources))
			.bindOrCreate("flashsale.pricing", PricingProperties.class);
		PricingProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("flashsale.pricing", PricingProperties.class);

		assertThat(shipped.quoteSecret()).as("never a secret in config-repo").isNull();
		assertThat(shipped.quoteTtl()).isEqualTo(defaults.quoteTtl()).isEqualTo(Duration.ofMinutes(10));
		assertThat(shipped.promotionsRefresh()).isEqualTo(defaults.promotionsRefresh());
		for (Stage a : Stage.values()) {
			for (Stage b : Stage.values()) {
				assertThat(shipped.stackingMatrix().combine(a, b)).as("%s with %s", a, b)
					.isEqualTo(defaults.stackingMatrix().combine(a, b))
					.isTrue();
			}
		}
	}

	@Test
	void aKindLeftOutOfAnotherKindsListNeverCombinesWithIt() {
		PricingProperties properties = new Binder(new MapConfigurationPropertySource(
				Map.of("flashsale.pricing.stacking.COUPON", "ITEM,BUNDLE,SHOP,GIFT")))
			.bindOrCreate("flashsale.pricing", PricingProperties.class);
		StackingMatrix matrix = properties.stackingMatrix();

		assertThat(matrix.combinesWith()).containsEntry(Stage.COUPON,
				Set.of(Stage.ITEM, Stage.BUNDLE, Stage.SHOP, Stage.GIFT));
		assertThat(matrix.combine(Stage.COUPON, Stage.PLATFORM)).isFalse();
		assertThat(matrix.combine(Stage.PLATFORM, Stage.COUPON)).isFalse();
		assertThat(matrix.combine(Stage.COUPON, Stage.SHOP)).isTrue();
		assertThat(matrix.combine(Stage.ITEM, Stage.PLATFORM)).isTrue();
	}

}

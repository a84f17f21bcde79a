package io.flashsale.platform.degrade;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.util.ClassUtils;

/**
 * Keeps the services' Kafka clients on String keys and values once the bus is on the
 * classpath. Spring Cloud Stream's Kafka binder sets
 * {@code spring.kafka.producer/consumer.*-serializer} to byte arrays as defaults for
 * every Kafka client of the application (property source {@value #BINDER_DEFAULTS}),
 * which would break each service's {@code KafkaTemplate<String, String>} and listeners.
 * This puts the String (de)serializers in front of the binder's defaults (still behind
 * everything else) and gives the binder its byte arrays through its own client
 * properties.
 */
class BusKafkaDefaults implements EnvironmentPostProcessor {

	static final String NAME = "flashsaleBusKafkaDefaults";

	static final String BINDER_DEFAULTS = "kafkaBinderDefaultProperties";

	private static final String BINDER = "org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		if (sources.contains(NAME) || !ClassUtils.isPresent(BINDER, getClass().getClassLoader())) {
			return;
		}
		String strings = "org.apache.kafka.common.serialization.String";
		String bytes = "org.apache.kafka.common.serialization.ByteArray";
		String binder = "spring.cloud.stream.kafka.binder.";
		MapPropertySource defaults = new MapPropertySource(NAME,
				Map.of("spring.kafka.producer.key-serializer", strings + "Serializer",
						"spring.kafka.producer.value-serializer", strings + "Serializer",
						"spring.kafka.consumer.key-deserializer", strings + "Deserializer",
						"spring.kafka.consumer.value-deserializer", strings + "Deserializer",
						binder + "producer-properties.key.serializer", bytes + "Serializer",
						binder + "producer-properties.value.serializer", bytes + "Serializer",
						binder + "consumer-properties.key.deserializer", bytes + "Deserializer",
						binder + "consumer-properties.value.deserializer", bytes + "Deserializer"));
		if (sources.contains(BINDER_DEFAULTS)) {
			sources.addBefore(BINDER_DEFAULTS, defaults);
		}
		else {
			// The binder's defaults, if they come later, are added after these.
			sources.addLast(defaults);
		}
	}

}

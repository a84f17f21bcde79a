package io.flashsale.platform.observability;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

/**
 * Tags every meter with {@code application} and {@code instance_id}. Not
 * {@code instance}: Prometheus sets its own {@code instance} label (the scraped address)
 * and would rename ours.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class CommonTagsAutoConfiguration {

	@Bean
	MeterRegistryCustomizer<MeterRegistry> flashsaleCommonTags(@Value("${spring.application.name:unknown}") String app,
			@Value("${flashsale.instance-id:}") String instanceId) {
		String instance = instanceId(instanceId);
		return (registry) -> registry.config().commonTags("application", app, "instance_id", instance);
	}

	/**
	 * The id an instance goes by in its meters and in the config server's instance list.
	 * @param configured {@code flashsale.instance-id}, or empty
	 * @return it, or host name and pid
	 */
	public static String instanceId(String configured) {
		return StringUtils.hasText(configured) ? configured : defaultInstanceId();
	}

	/** Host name and pid: unique per process on a machine and per pod in Kubernetes. */
	static String defaultInstanceId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
	}

}

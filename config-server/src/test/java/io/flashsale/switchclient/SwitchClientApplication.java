package io.flashsale.switchclient;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A service as small as a service gets: the platform starter's degrade switches, Spring
 * Cloud Config's client and the bus over Kafka, and nothing of its own but a record of
 * the bus announcements it received. The switch propagation tests start several of it
 * beside the config server. It lives outside {@code io.flashsale.configserver} so neither
 * application scans the other.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class SwitchClientApplication {

	@Bean
	BusAnnouncements busAnnouncements() {
		return new BusAnnouncements();
	}

}

package io.flashsale.platform.degrade;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Handles the config server's bus announcement ({@code RefreshRemoteApplicationEvent}) in
 * place of Spring Cloud Bus's own refresh listener (turned off by
 * {@code spring.cloud.bus.refresh.enabled=false}), so that a refresh only runs once the
 * config server answers. Matched by name: the starter does not put the bus on every
 * classpath; services add it.
 */
class SwitchBusListener implements SmartApplicationListener {

	static final String BUS_REFRESH = "org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent";

	private final SwitchRefresher refresher;

	SwitchBusListener(SwitchRefresher refresher) {
		this.refresher = refresher;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		for (Class<?> type = eventType; type != null; type = type.getSuperclass()) {
			if (BUS_REFRESH.equals(type.getName())) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		this.refresher.refreshIfChanged("bus");
	}

}

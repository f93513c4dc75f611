package io.tally.dashboard.live;

import io.tally.dashboard.DashboardProperties;
import io.tally.dashboard.security.ServiceTokens;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Wires the upstream subscription to the hub and ends a session's connections with it.
 */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

	@Bean
	RevenueStream revenueStream(DashboardProperties properties, ServiceTokens tokens, JsonMapper json, LiveHub hub) {
		DashboardProperties.Live live = properties.live();
		return new RevenueStream(new HttpUpstream(properties.revenueServiceUrl(), tokens), json, hub::publish, hub::gap,
				live.reconnectMin(), live.reconnectMax());
	}

	@Bean
	RevenueStreamHealth revenueStreamHealthIndicator(RevenueStream revenueStream, LiveHub hub) {
		return new RevenueStreamHealth(revenueStream, hub);
	}

	/** Publishes session ends as events (for the listener below). */
	@Bean
	static HttpSessionEventPublisher sessionEvents() {
		return new HttpSessionEventPublisher();
	}

	@Bean
	ApplicationListener<HttpSessionDestroyedEvent> closeLiveConnectionsOfEndedSessions(LiveHub hub) {
		return (event) -> hub.closeSession(event.getId());
	}

}

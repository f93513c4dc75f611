package io.tally.revenue.projection.kafka;

import io.tally.revenue.projection.rebuild.LiveListener;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Pauses and resumes this instance's {@link InvoiceEventListener} container. A paused
 * container finishes its batch, commits it and then polls nothing (its consumer stays in
 * the group, so no rebalance follows).
 */
@Component
class LiveListenerControl implements LiveListener {

	private final KafkaListenerEndpointRegistry registry;

	LiveListenerControl(KafkaListenerEndpointRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void pause() {
		MessageListenerContainer container = container();
		if (container != null && container.isRunning()) {
			container.pause();
		}
	}

	@Override
	public boolean isPaused() {
		MessageListenerContainer container = container();
		return container == null || !container.isRunning() || container.isContainerPaused();
	}

	@Override
	public void resume() {
		MessageListenerContainer container = container();
		if (container != null) {
			container.resume();
		}
	}

	@Override
	public String state() {
		MessageListenerContainer container = container();
		if (container == null || !container.isRunning()) {
			return "STOPPED";
		}
		return container.isPauseRequested() ? "PAUSED" : "RUNNING";
	}

	private MessageListenerContainer container() {
		return this.registry.getListenerContainer(InvoiceEventListener.ID);
	}

}

package io.tally.revenue.revenue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tally.revenue.freshness.FreshnessProperties;
import io.tally.revenue.freshness.ProjectionWatcher;
import io.tally.revenue.freshness.Watermark;
import io.tally.revenue.freshness.ProjectionNotice;
import io.tally.revenue.rules.CustomerBucket;
import io.tally.revenue.rules.MonthBucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live stream of revenue changes: after projection commits (of any instance) one
 * thread reads the new figures of the buckets they touched — once for every subscriber,
 * and once for all commits that arrived while it was busy — and queues the event for each
 * subscriber. Each subscriber has a bounded queue drained by a small pool of senders; a
 * subscriber that falls behind by a whole queue is dropped rather than allowed to hold
 * memory (its client reconnects and re-reads).
 */
@Component
class RevenueStream implements SmartLifecycle {

	static final String EVENT = "revenue-changed";

	private static final Logger log = LoggerFactory.getLogger(RevenueStream.class);

	private final RevenueReadModel readModel;

	private final Watermark watermark;

	private final JsonMapper json;

	private final FreshnessProperties.Stream settings;

	private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

	private final AtomicReference<ProjectionNotice> pending = new AtomicReference<>();

	private final AtomicLong sequence = new AtomicLong();

	private final Counter dropped;

	private final Object signal = new Object();

	private ExecutorService senders;

	private Thread publisher;

	private volatile boolean running;

	RevenueStream(RevenueReadModel readModel, Watermark watermark, ProjectionWatcher watcher, JsonMapper json,
			FreshnessProperties properties, MeterRegistry meters) {
		this.readModel = readModel;
		this.watermark = watermark;
		this.json = json;
		this.settings = properties.stream();
		watcher.subscribe(this::changed);
		Gauge.builder("tally.revenue.stream.subscribers", this.subscribers, Set::size)
			.description("Clients subscribed to the revenue stream of this instance")
			.register(meters);
		this.dropped = Counter.builder("tally.revenue.stream.dropped")
			.description("Stream subscribers dropped because they fell a whole buffer behind")
			.register(meters);
	}

	/**
	 * A new subscription, or empty when this instance serves its maximum of subscribers.
	 */
	Optional<SseEmitter> subscribe() {
		return subscribe(new SseEmitter(this.settings.maxDuration().toMillis()));
	}

	/** Subscribes {@code emitter}, or returns empty when this instance is full. */
	Optional<SseEmitter> subscribe(SseEmitter emitter) {
		if (this.subscribers.size() >= this.settings.maxClients()) {
			return Optional.empty();
		}
		Subscriber subscriber = new Subscriber(emitter, new ArrayBlockingQueue<>(this.settings.clientBuffer()));
		emitter.onCompletion(() -> this.subscribers.remove(subscriber));
		emitter.onTimeout(() -> this.subscribers.remove(subscriber));
		emitter.onError((ex) -> this.subscribers.remove(subscriber));
		this.subscribers.add(subscriber);
		String ready = "{\"watermark\":" + this.watermark.current().map((w) -> "\"" + w + "\"").orElse("null") + "}";
		offer(subscriber, SseEmitter.event().name("ready").data(ready));
		return Optional.of(emitter);
	}

	/** Called on the watcher's thread: merge and hand over, never block. */
	private void changed(ProjectionNotice notice) {
		this.pending.accumulateAndGet(notice, (held, next) -> (held != null) ? held.merge(next) : next);
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
	}

	private void run() {
		long heartbeatNanos = this.settings.heartbeat().toNanos();
		long nextHeartbeat = System.nanoTime() + heartbeatNanos;
		while (this.running) {
			ProjectionNotice notice = this.pending.getAndSet(null);
			if (notice != null) {
				if (!this.subscribers.isEmpty()) {
					publish(notice);
				}
				continue;
			}
			if (System.nanoTime() - nextHeartbeat >= 0) {
				this.subscribers.forEach((s) -> offer(s, SseEmitter.event().comment("keep-alive")));
				nextHeartbeat = System.nanoTime() + heartbeatNanos;
			}
			synchronized (this.signal) {
				if (this.pending.get() == null && this.running) {
					try {
						this.signal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextHeartbeat - System.nanoTime())));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}
	}

	private void publish(ProjectionNotice notice) {
		String data;
		try {
			data = this.json.writeValueAsString(figures(notice));
		}
		catch (DataAccessException ex) {
			// the database is away: the next notice (or the reconnect's refresh) brings
			// news
			log.warn("Could not read the changed figures for the revenue stream: {}", ex.getMessage());
			return;
		}
		String id = Long.toString(this.sequence.incrementAndGet());
		for (Subscriber subscriber : this.subscribers) {
			offer(subscriber, SseEmitter.event().id(id).name(EVENT).data(data));
		}
	}

	private RevenueChanged figures(ProjectionNotice notice) {
		Instant newest = this.watermark.current().orElse(notice.watermark());
		if (notice.everything()) {
			return new RevenueChanged(newest, List.of(), List.of(), this.readModel.totals(null), true);
		}
		Set<String> currencies = new TreeSet<>();
		notice.months().stream().map(MonthBucket::currency).forEach(currencies::add);
		notice.customers().stream().map(CustomerBucket::currency).forEach(currencies::add);
		return new RevenueChanged(newest, this.readModel.months(notice.months()),
				this.readModel.customers(notice.customers()),
				currencies.isEmpty() ? List.of() : this.readModel.totals(currencies), false);
	}

	private void offer(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
		if (!subscriber.queue().offer(event)) {
			// a whole buffer behind: drop it instead of holding ever more events
			this.dropped.increment();
			this.subscribers.remove(subscriber);
			subscriber.emitter().complete();
			log.info("Dropped a revenue stream subscriber that fell {} events behind", this.settings.clientBuffer());
			return;
		}
		if (subscriber.draining().compareAndSet(false, true)) {
			this.senders.execute(() -> drain(subscriber));
		}
	}

	private void drain(Subscriber subscriber) {
		try {
			SseEmitter.SseEventBuilder event;
			while ((event = subscriber.queue().poll()) != null) {
				try {
					subscriber.emitter().send(event);
				}
				catch (IOException | IllegalStateException ex) {
					// the client went away
					this.subscribers.remove(subscriber);
					subscriber.queue().clear();
					return;
				}
			}
		}
		finally {
			subscriber.draining().set(false);
		}
		if (!subscriber.queue().isEmpty() && subscriber.draining().compareAndSet(false, true)) {
			this.senders.execute(() -> drain(subscriber));
		}
	}

	@Override
	public synchronized void start() {
		this.senders = Executors.newFixedThreadPool(this.settings.senders(), (task) -> {
			Thread thread = new Thread(task, "revenue-stream-sender");
			thread.setDaemon(true);
			return thread;
		});
		this.running = true;
		this.publisher = new Thread(this::run, "revenue-stream");
		this.publisher.setDaemon(true);
		this.publisher.start();
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
		List<Subscriber> open = new ArrayList<>(this.subscribers);
		open.forEach((s) -> s.emitter().complete());
		this.senders.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Number of subscribers right now. */
	int subscriberCount() {
		return this.subscribers.size();
	}

	private record Subscriber(SseEmitter emitter, BlockingQueue<SseEmitter.SseEventBuilder> queue,
			AtomicBoolean draining) {

		Subscriber(SseEmitter emitter, BlockingQueue<SseEmitter.SseEventBuilder> queue) {
			this(emitter, queue, new AtomicBoolean());
		}

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}

package io.tally.dashboard.live;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.tally.dashboard.DashboardProperties;
import io.tally.dashboard.api.RevenueChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans the revenue changes of the one upstream subscription out to the browsers. Each
 * change gets a sequence number and stays in a short replay buffer, so a page rendered
 * just before a change still receives it when its browser connects. Each browser has a
 * bounded queue; one that falls behind is disconnected (its browser reconnects and is
 * sent its figures afresh) rather than holding memory.
 */
@Component
public class LiveHub implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

	private final int replay;

	private final int clientQueue;

	private final ArrayDeque<Sequenced> recent = new ArrayDeque<>();

	private long sequence;

	/**
	 * The sequence number the last break of the upstream stream consumed: a page whose
	 * figures were read before it may have missed changes.
	 */
	private long gap;

	private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();

	private final ExecutorService senders;

	private final ScheduledExecutorService heartbeats;

	LiveHub(DashboardProperties properties) {
		this.replay = properties.live().replay();
		this.clientQueue = properties.live().clientQueue();
		AtomicInteger threads = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "live-sender-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.heartbeats = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "live-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long every = properties.live().heartbeat().toMillis();
		this.heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
	}

	/** The sequence number of the newest change. */
	public synchronized long position() {
		return this.sequence;
	}

	/** A change arrived from revenue-service: every connected page gets it. */
	public synchronized void publish(RevenueChange change) {
		Sequenced sequenced = new Sequenced(++this.sequence, change);
		this.recent.addLast(sequenced);
		while (this.recent.size() > this.replay) {
			this.recent.removeFirst();
		}
		this.subscribers.values().forEach((subscriber) -> subscriber.offer(sequenced));
	}

	/**
	 * The upstream subscription (re)started: changes may have been missed, so every page
	 * reloads its figures; its browser reconnects on its own.
	 */
	public void gap() {
		List<Subscriber> dropped;
		synchronized (this) {
			this.gap = ++this.sequence;
			this.recent.clear();
			dropped = new ArrayList<>(this.subscribers.values());
			this.subscribers.clear();
		}
		dropped.forEach(Subscriber::close);
	}

	/** Number of connected browsers. */
	public int connections() {
		return this.subscribers.size();
	}

	/**
	 * Connects a browser to the page {@code viewId}: on a reconnect, or when changes may
	 * have been missed (then read again), it first gets the page's current figures; then
	 * every change. The first connection of a page that missed nothing gets no snapshot:
	 * replacing rows the user may be reading would only disturb.
	 */
	void subscribe(String sessionId, String viewId, TrackedView view, SseEmitter emitter) {
		Subscriber subscriber = new Subscriber(sessionId, view, emitter, this.clientQueue, this.senders);
		subscriber.detach = () -> this.subscribers.remove(viewId, subscriber);
		emitter.onCompletion(subscriber.detach);
		emitter.onTimeout(subscriber::close);
		emitter.onError((ex) -> subscriber.close());
		boolean snapshot;
		synchronized (view) {
			snapshot = !view.firstConnection();
			if (missed(view.position()).isEmpty()) {
				long mark = position();
				view.view().reload();
				view.position(mark);
				snapshot = true;
			}
		}
		Subscriber previous;
		synchronized (this) {
			if (snapshot) {
				subscriber.snapshot();
			}
			missed(view.position()).orElse(List.of()).forEach(subscriber::offer);
			previous = this.subscribers.put(viewId, subscriber);
		}
		if (previous != null) {
			previous.close();
		}
	}

	/** Closes the connections of a session that ended (sign-out, expiry). */
	public void closeSession(String sessionId) {
		this.subscribers.values().removeIf((subscriber) -> {
			if (subscriber.sessionId.equals(sessionId)) {
				subscriber.close();
				return true;
			}
			return false;
		});
	}

	/** The changes after {@code position}, or empty when some of them are gone. */
	private synchronized Optional<List<Sequenced>> missed(long position) {
		if (position < this.gap) {
			return Optional.empty();
		}
		long oldestKept = this.recent.isEmpty() ? this.sequence + 1 : this.recent.peekFirst().sequence();
		if (position + 1 < oldestKept && position < this.sequence) {
			return Optional.empty();
		}
		return Optional.of(this.recent.stream().filter((change) -> change.sequence() > position).toList());
	}

	/** A comment to every idle browser, so dead connections are noticed and dropped. */
	void heartbeat() {
		this.subscribers.values().forEach(Subscriber::heartbeat);
	}

	@Override
	public void destroy() {
		this.subscribers.values().forEach(Subscriber::close);
		this.heartbeats.shutdownNow();
		this.senders.shutdownNow();
	}

	/** A change with its position in this hub. */
	record Sequenced(long sequence, RevenueChange change) {
	}

	/** One browser connection: a bounded queue drained by one sender at a time. */
	private static final class Subscriber {

		private static final Object SNAPSHOT = new Object();

		private static final Object HEARTBEAT = new Object();

		private final String sessionId;

		private final TrackedView view;

		private final SseEmitter emitter;

		private final BlockingQueue<Object> queue;

		private final ExecutorService senders;

		private final AtomicBoolean draining = new AtomicBoolean();

		private volatile boolean closed;

		/** Removes it from the hub. */
		private volatile Runnable detach = () -> {
		};

		Subscriber(String sessionId, TrackedView view, SseEmitter emitter, int capacity, ExecutorService senders) {
			this.sessionId = sessionId;
			this.view = view;
			this.emitter = emitter;
			this.queue = new ArrayBlockingQueue<>(capacity + 2);
			this.senders = senders;
		}

		void snapshot() {
			enqueue(SNAPSHOT);
		}

		void offer(Sequenced change) {
			enqueue(change);
		}

		void heartbeat() {
			enqueue(HEARTBEAT);
		}

		private void enqueue(Object item) {
			if (this.closed) {
				return;
			}
			if (!this.queue.offer(item)) {
				log.info("Disconnecting a browser that fell {} changes behind", this.queue.size());
				close();
				return;
			}
			if (this.draining.compareAndSet(false, true)) {
				this.senders.execute(this::drain);
			}
		}

		private void drain() {
			try {
				Object item;
				while (!this.closed && (item = this.queue.poll()) != null) {
					send(item);
				}
			}
			catch (IOException | RuntimeException ex) {
				// the browser went away; its EventSource reconnects if the page is still
				// open
				close();
			}
			finally {
				this.draining.set(false);
				if (!this.queue.isEmpty() && !this.closed && this.draining.compareAndSet(false, true)) {
					this.senders.execute(this::drain);
				}
			}
		}

		private void send(Object item) throws IOException {
			if (item == HEARTBEAT) {
				this.emitter.send(SseEmitter.event().comment("heartbeat"));
				return;
			}
			List<LiveMessage> messages;
			long id;
			synchronized (this.view) {
				if (item == SNAPSHOT) {
					messages = this.view.view().snapshot();
				}
				else {
					Sequenced change = (Sequenced) item;
					if (change.sequence() <= this.view.position()) {
						return;
					}
					messages = this.view.view().apply(change.change());
					this.view.position(change.sequence());
				}
				id = this.view.position();
			}
			for (LiveMessage message : messages) {
				this.emitter.send(SseEmitter.event().id(Long.toString(id)).name(message.event()).data(message.html()));
			}
		}

		void close() {
			if (!this.closed) {
				this.closed = true;
				this.queue.clear();
				this.detach.run();
				try {
					this.emitter.complete();
				}
				catch (RuntimeException ex) {
					// already completed by the container
				}
			}
		}

	}

}

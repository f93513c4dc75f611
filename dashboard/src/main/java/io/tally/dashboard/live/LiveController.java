package io.tally.dashboard.live;

import java.time.Duration;

import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The browser's end of the live updates: {@code GET /live?view=<id>} streams the changes
 * of the page {@code id} as server-sent events of HTML fragments.
 */
@Controller
class LiveController {

	/** The browser reconnects by itself after this; the page's figures carry over. */
	static final Duration CONNECTION = Duration.ofMinutes(30);

	private final LiveHub hub;

	private final LiveViews views;

	LiveController(LiveHub hub, LiveViews views) {
		this.hub = hub;
		this.views = views;
	}

	@GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> live(@RequestParam String view, HttpSession session) {
		TrackedView tracked = this.views.find(view);
		if (tracked == null) {
			// 204 tells the EventSource not to reconnect: the page is gone from the
			// session
			return ResponseEntity.noContent().build();
		}
		SseEmitter emitter = new SseEmitter(CONNECTION.toMillis());
		this.hub.subscribe(session.getId(), view, tracked, emitter);
		return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
	}

}

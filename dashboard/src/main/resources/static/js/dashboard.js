// Progressive enhancement for every page; the pages work without it.
(function () {
	'use strict';

	// htmx requests carry the CSRF token like the forms do
	document.addEventListener('htmx:configRequest', function (event) {
		var header = document.querySelector('meta[name="csrf-header"]');
		var token = document.querySelector('meta[name="csrf-token"]');
		if (header && token) {
			event.detail.headers[header.content] = token.content;
		}
	});

	// "Updated 2 s ago" keeps counting; the texts come from the page's message bundle
	function age(seconds) {
		if (seconds < 60) {
			return [seconds, 's'];
		}
		if (seconds < 3600) {
			return [Math.floor(seconds / 60), 'min'];
		}
		if (seconds < 86400) {
			return [Math.floor(seconds / 3600), 'h'];
		}
		return [Math.floor(seconds / 86400), 'd'];
	}

	function tick() {
		var freshness = document.getElementById('freshness');
		var time = freshness && freshness.querySelector('time[datetime]');
		if (!time) {
			return;
		}
		var seconds = Math.max(0, Math.floor((Date.now() - Date.parse(time.getAttribute('datetime'))) / 1000));
		var parts = age(seconds);
		var number = new Intl.NumberFormat(document.documentElement.lang).format(parts[0]);
		var unit = freshness.getAttribute('data-unit-' + parts[1]).replace('{0}', number);
		var text = freshness.getAttribute('data-template').replace('{0}', unit);
		if (time.textContent !== text) {
			time.textContent = text;
		}
	}

	setInterval(tick, 1000);
})();

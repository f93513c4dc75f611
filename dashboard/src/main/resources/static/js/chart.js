// The overview's chart, drawn from the figures table (the accessible source of truth) and redrawn whenever a live
// update replaces the table's rows.
(function () {
	'use strict';

	var chart;

	var colours = { invoiced: '#1f4e79', collected: '#1e6b34', pending: '#9a4f00' };

	function escapeHtml(text) {
		var div = document.createElement('div');
		div.textContent = text;
		return div.innerHTML;
	}

	function read(table) {
		var series = Array.prototype.map.call(table.querySelectorAll('thead th[data-series]'), function (th) {
			return { key: th.getAttribute('data-series'), name: th.textContent.trim(), column: th.cellIndex };
		});
		var rows = Array.prototype.slice.call(table.tBodies[0].rows);
		return {
			labels: rows.map(function (row) { return row.getAttribute('data-label'); }),
			months: rows.map(function (row) { return row.cells[0].textContent.trim(); }),
			cells: rows.map(function (row) { return row.cells; }),
			series: series.map(function (s) {
				return {
					key: s.key,
					name: s.name,
					column: s.column,
					values: rows.map(function (row) { return Number(row.getAttribute('data-' + s.key)); })
				};
			})
		};
	}

	function render() {
		var element = document.getElementById('chart');
		var table = element && document.getElementById(element.getAttribute('data-source'));
		if (!table || !window.echarts) {
			return;
		}
		var data = read(table);
		var rtl = document.documentElement.dir === 'rtl';
		var reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
		var numbers = new Intl.NumberFormat(document.documentElement.lang, { notation: 'compact' });
		if (!chart) {
			chart = window.echarts.init(element, null, { renderer: 'canvas' });
			window.addEventListener('resize', function () { chart.resize(); });
		}
		chart.setOption({
			animation: !reducedMotion,
			// patterns as well as colours tell the series apart
			aria: { enabled: true, label: { description: element.getAttribute('aria-label') }, decal: { show: true } },
			legend: { top: 0, left: rtl ? 'right' : 'left', textStyle: { color: '#1b1f24' } },
			grid: { left: 16, right: 16, bottom: 8, top: 40, containLabel: true },
			tooltip: {
				trigger: 'axis',
				// plain text only: the page's Content-Security-Policy refuses inline styles
				formatter: function (items) {
					var index = items[0].dataIndex;
					return [escapeHtml(data.months[index])].concat(data.series.map(function (s) {
						return escapeHtml(s.name + ': ' + data.cells[index][s.column].textContent.trim());
					})).join('<br>');
				}
			},
			xAxis: { type: 'category', data: data.labels, inverse: rtl, axisLabel: { color: '#1b1f24' } },
			yAxis: {
				type: 'value',
				position: rtl ? 'right' : 'left',
				axisLabel: { color: '#1b1f24', formatter: function (value) { return numbers.format(value); } }
			},
			series: data.series.map(function (s) {
				return { name: s.name, type: 'bar', data: s.values, itemStyle: { color: colours[s.key] } };
			})
		}, true);
	}

	document.addEventListener('DOMContentLoaded', render);
	document.addEventListener('htmx:sseMessage', render);
})();

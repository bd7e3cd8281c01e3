// lcnews dashboard: draws the figures embedded in the page (#lcnews-dashboard-data) with Chart.js,
// served by lcnews serve itself (static/vendor). Every number is also in the page's tables.
(function () {
  "use strict";
  var PALETTE = ["#2f6f9f", "#d9822b", "#3a9b5c", "#c23b3b", "#7a5ea8", "#8c6d4f", "#d66fb0", "#6f7f8f",
                 "#b5b82f", "#29a3b5"];

  function bars(id, labels, datasets, options) {
    var canvas = document.getElementById(id);
    if (!canvas) return null;
    return new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets },
      options: Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, options || {}),
    });
  }

  function draw() {
    var el = document.getElementById("lcnews-dashboard-data");
    if (!el || typeof Chart === "undefined") return;
    var data = JSON.parse(el.textContent);
    window.lcnewsCharts = {};
    if (data.query && !data.error) {
      window.lcnewsCharts.trend = bars("chart-trend", data.trend.map(function (r) { return r[0]; }),
        [{ label: data.query, data: data.trend.map(function (r) { return r[1]; }), backgroundColor: PALETTE[0] }],
        { plugins: { legend: { display: false } }, scales: { y: { ticks: { precision: 0 } } } });
    }
    var ch = data.channels;
    window.lcnewsCharts.channels = bars("chart-channels", ch.months, ch.series.map(function (s, i) {
      return { label: s.label, data: s.counts, backgroundColor: PALETTE[i % PALETTE.length] };
    }), { scales: { x: { stacked: true }, y: { stacked: true, ticks: { precision: 0 } } } });
    [["reporters", PALETTE[2]], ["sources", PALETTE[1]]].forEach(function (kind) {
      var rows = data[kind[0]];
      window.lcnewsCharts[kind[0]] = bars("chart-" + kind[0], rows.map(function (r) { return r[0]; }),
        [{ label: "articles", data: rows.map(function (r) { return r[1]; }), backgroundColor: kind[1] }],
        { indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { ticks: { precision: 0 } } } });
    });
    document.body.setAttribute("data-charts-drawn", Object.keys(window.lcnewsCharts).length);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();

/*
 * Draws every `.kz-chart` on the page with uPlot (served by Kaizen from node_modules) from its JSON data block
 * (`<script type="application/json" id="…">`, see src/web/dashboard-page.ts DashboardChart). Drag across the plot
 * to zoom to a range, double-click to zoom out. Markers (deploys, pull requests) are drawn over the series and
 * link where their `href` says; bands (confidence, drift) are shaded behind. No inline script: the page's
 * Content-Security-Policy allows only this file and uPlot.
 */
(function () {
  "use strict";
  var COLOURS = {
    regression: "#cf222e",
    improvement: "#1a7f37",
    "no-change": "#57606a",
    inconclusive: "#9a6700",
    "pull-request": "#0969da",
    event: "#8250df",
  };
  var SERIES = ["#0969da", "#8250df", "#bc4c00", "#1a7f37"];

  function safeHref(href) {
    if (typeof href !== "string") return null;
    return /^(https?:\/\/|\/(?!\/))/.test(href) ? href : null;
  }

  function draw(element) {
    var block = document.getElementById(element.getAttribute("data-chart"));
    if (!block || typeof uPlot === "undefined") return;
    var chart = JSON.parse(block.textContent);
    var markers = chart.markers || [];
    var bands = chart.bands || [];
    var tip = document.createElement("div");
    tip.className = "kz-chart-tip";
    tip.setAttribute("aria-hidden", "true");
    var near = null;

    function markerAt(u, left, top) {
      var best = null, bestDistance = 64;
      for (var i = 0; i < markers.length; i++) {
        var m = markers[i];
        var dx = u.valToPos(m.x, "x") - left, dy = u.valToPos(m.y, "y") - top;
        var distance = dx * dx + dy * dy;
        if (distance < bestDistance) { best = m; bestDistance = distance; }
      }
      return best;
    }

    var options = {
      title: chart.title,
      width: Math.max(320, element.clientWidth || 800),
      height: 320,
      cursor: { drag: { x: true, y: false, setScale: true } },
      scales: { x: { time: true } },
      axes: [{}, { label: chart.unit, size: 70 }],
      series: [{}].concat(chart.series.map(function (s, i) {
        return { label: s.label, stroke: SERIES[i % SERIES.length], width: 1.5, points: { show: false }, spanGaps: true };
      })),
      hooks: {
        drawClear: [function (u) {
          var ctx = u.ctx;
          ctx.save();
          for (var i = 0; i < bands.length; i++) {
            var b = bands[i];
            ctx.fillStyle = b.kind === "drift" ? "rgba(191, 135, 0, 0.16)" : "rgba(9, 105, 218, 0.10)";
            // Clipped to the plot: a drift span can start before the range shown, and zooming cuts any band.
            var x0 = Math.max(u.bbox.left, u.valToPos(b.from, "x", true));
            var x1 = Math.min(u.bbox.left + u.bbox.width, u.valToPos(b.to, "x", true));
            if (x1 < x0) continue;
            var top = b.high == null ? u.bbox.top : u.valToPos(b.high, "y", true);
            var bottom = b.low == null ? u.bbox.top + u.bbox.height : u.valToPos(b.low, "y", true);
            ctx.fillRect(x0, top, Math.max(1, x1 - x0), bottom - top);
          }
          ctx.restore();
        }],
        draw: [function (u) {
          var ctx = u.ctx;
          ctx.save();
          var r = 4 * devicePixelRatio;
          for (var i = 0; i < markers.length; i++) {
            var m = markers[i];
            if (m.x < u.scales.x.min || m.x > u.scales.x.max) continue;
            ctx.fillStyle = COLOURS[m.kind] || COLOURS.event;
            ctx.beginPath();
            ctx.arc(u.valToPos(m.x, "x", true), u.valToPos(m.y, "y", true), m.kind === "no-change" ? r * 0.6 : r, 0, 2 * Math.PI);
            ctx.fill();
          }
          ctx.restore();
        }],
        // The visible range, for people's tools and the browser test: drag-select zoom changes it.
        setScale: [function (u, key) {
          if (key !== "x") return;
          element.setAttribute("data-x-min", String(Math.round(u.scales.x.min)));
          element.setAttribute("data-x-max", String(Math.round(u.scales.x.max)));
        }],
        setCursor: [function (u) {
          near = u.cursor.left == null || u.cursor.left < 0 ? null : markerAt(u, u.cursor.left, u.cursor.top);
          if (!near) { tip.hidden = true; u.over.style.cursor = ""; return; }
          tip.hidden = false;
          tip.textContent = near.label;
          tip.style.left = u.cursor.left + 12 + "px";
          tip.style.top = u.cursor.top + 12 + "px";
          u.over.style.cursor = safeHref(near.href) ? "pointer" : "";
        }],
      },
    };
    var data = [chart.x].concat(chart.series.map(function (s) { return s.values; }));
    var plot = new uPlot(options, data, element);
    tip.hidden = true;
    plot.over.appendChild(tip);
    var downAt = null;
    plot.over.addEventListener("mousedown", function (e) { downAt = e.clientX; });
    plot.over.addEventListener("click", function (e) {
      // A drag is a zoom, not a click on a marker.
      if (downAt !== null && Math.abs(e.clientX - downAt) > 3) return;
      var href = near && safeHref(near.href);
      if (href) window.location.assign(href);
    });
    window.addEventListener("resize", function () {
      plot.setSize({ width: Math.max(320, element.clientWidth || 800), height: 320 });
    });
  }

  function start() {
    var charts = document.querySelectorAll(".kz-chart");
    for (var i = 0; i < charts.length; i++) draw(charts[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// Chart.js charts of the statistics pages, from each canvas's data-chart attribute
// ({type, labels, series: [{label, data}], sameScale}); the table next to each chart has the same numbers.
// Two series get two axes (a count and an amount in euro) unless sameScale says they measure the same thing.
(function () {
  "use strict";
  if (!window.Chart) return;
  var colours = ["#0066cc", "#e6830f", "#008055", "#a61d4d", "#5c6f82"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec;
    try { spec = JSON.parse(canvas.dataset.chart); } catch (e) { return; }
    var two = spec.series.length > 1 && !spec.sameScale;
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length], borderColor: colours[i % colours.length], yAxisID: two && i > 0 ? "y1" : "y" };
        })
      },
      options: {
        animation: false,
        responsive: true,
        locale: "it-IT",
        indexAxis: spec.horizontal ? "y" : "x",
        scales: two
          ? { y: { beginAtZero: true, position: "left" }, y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } } }
          : { y: { beginAtZero: true } }
      }
    });
  });
})();

// Leaflet map of the Family Card shops, from the data-points attribute; the list beside it works without it.
(function () {
  "use strict";
  var el = document.getElementById("mappa-negozi");
  if (!el || !window.L) return;
  var points = JSON.parse(el.dataset.points || "[]");
  if (points.length === 0) { el.hidden = true; return; }
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "&copy; OpenStreetMap" }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.marker([p.lat, p.lon], { title: p.title, alt: p.title }).addTo(map);
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/carta-famiglia/negozi/" + p.id;
    link.textContent = p.title;
    box.appendChild(link);
    if (p.place) { var where = document.createElement("div"); where.textContent = p.place; box.appendChild(where); }
    marker.bindPopup(box);
    bounds.push([p.lat, p.lon]);
  });
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
})();

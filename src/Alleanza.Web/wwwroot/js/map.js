// Leaflet map of the results, from the data-points attribute; the list beside it works without it.
(function () {
  "use strict";
  var el = document.getElementById("mappa");
  if (!el || !window.L) return;
  var points = JSON.parse(el.dataset.points || "[]");
  if (points.length === 0) { el.hidden = true; return; }
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "&copy; OpenStreetMap" }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.marker([p.lat, p.lon], { title: p.title, alt: p.title }).addTo(map);
    var link = document.createElement("a");
    link.href = "/opportunita/" + p.id;
    link.textContent = p.title;
    marker.bindPopup(link);
    bounds.push([p.lat, p.lon]);
  });
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  // "Distanza" needs the person's position: ask only when they choose that order.
  var order = document.getElementById("ordine");
  if (order && navigator.geolocation) order.addEventListener("change", function () {
    if (order.value !== "distanza") return;
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("lat").value = pos.coords.latitude.toFixed(5);
      document.getElementById("lon").value = pos.coords.longitude.toFixed(5);
    });
  });
})();

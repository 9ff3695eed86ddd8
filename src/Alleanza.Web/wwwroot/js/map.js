// Leaflet map of the results, from the data-points attribute; the list beside it works without it.
(function () {
  "use strict";
  var el = document.getElementById("mappa");
  if (!el || !window.L) return;
  var points = JSON.parse(el.dataset.points || "[]");
  // Pages other than the catalogue say where a pin leads (data-link) and what a pin of several is called (data-many).
  var target = el.dataset.link || "/opportunita/";
  var many = el.dataset.many || "opportunità";
  if (points.length === 0) { el.hidden = true; return; }
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "&copy; OpenStreetMap" }).addTo(map);
  var bounds = [];
  // One pin per place (several opportunities at one address share it, listed in its popup), so pins do not pile up.
  // Pins are not keyboard stops: the list of results beside the map has the same links for keyboards and screen readers.
  var places = {};
  points.forEach(function (p) {
    var key = p.lat.toFixed(4) + "," + p.lon.toFixed(4);
    (places[key] = places[key] || []).push(p);
  });
  Object.keys(places).forEach(function (key) {
    var here = places[key];
    var first = here[0];
    var title = here.length === 1 ? first.title : here.length + " " + many + " in questo luogo";
    var marker = L.marker([first.lat, first.lon], { title: title, alt: title, keyboard: false }).addTo(map);
    var list = document.createElement("ul");
    list.className = "list-unstyled mb-0";
    here.forEach(function (p) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = target + p.id;
      link.textContent = p.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    marker.bindPopup(list);
    bounds.push([first.lat, first.lon]);
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

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
  // One pin per place (shops at one address share it, listed in its popup), so pins do not pile up; pins are not
  // keyboard stops: the list of shops beside the map has the same links for keyboards and screen readers.
  var places = {};
  points.forEach(function (p) {
    var key = p.lat.toFixed(4) + "," + p.lon.toFixed(4);
    (places[key] = places[key] || []).push(p);
  });
  Object.keys(places).forEach(function (key) {
    var here = places[key];
    var first = here[0];
    var title = here.length === 1 ? first.title : here.length + " negozi in questo luogo";
    var marker = L.marker([first.lat, first.lon], { title: title, alt: title, keyboard: false }).addTo(map);
    var box = document.createElement("div");
    here.forEach(function (p) {
      var item = document.createElement("div");
      var link = document.createElement("a");
      link.href = "/carta-famiglia/negozi/" + p.id;
      link.textContent = p.title;
      item.appendChild(link);
      if (p.place) { var where = document.createElement("div"); where.textContent = p.place; item.appendChild(where); }
      box.appendChild(item);
    });
    marker.bindPopup(box);
    bounds.push([first.lat, first.lon]);
  });
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
})();

// Lets the publisher place the pin on a map; the latitude and longitude fields stay the source of truth.
(function () {
  "use strict";
  var el = document.getElementById("pin-map");
  var lat = document.getElementById("Input_Latitude");
  var lon = document.getElementById("Input_Longitude");
  if (!el || !lat || !lon || !window.L) return;
  el.classList.remove("d-none");
  var read = function (input) { var v = parseFloat((input.value || "").replace(",", ".")); return isNaN(v) ? null : v; };
  var start = read(lat) !== null && read(lon) !== null ? [read(lat), read(lon)] : [42.5, 12.5];
  var map = L.map(el).setView(start, read(lat) !== null ? 15 : 6);
  L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap" }).addTo(map);
  var marker = read(lat) !== null ? L.marker(start).addTo(map) : null;
  map.on("click", function (e) {
    if (marker) marker.setLatLng(e.latlng); else marker = L.marker(e.latlng).addTo(map);
    lat.value = e.latlng.lat.toFixed(5);
    lon.value = e.latlng.lng.toFixed(5);
  });
})();

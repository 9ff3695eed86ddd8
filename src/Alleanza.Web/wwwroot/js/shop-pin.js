// Lets the merchant place the shop's pin on a map; the latitude and longitude fields stay the source of truth
// (typed values move the pin too). Starts on the pin, or on Italy when there is none.
(function () {
  "use strict";
  var el = document.getElementById("pin-map");
  var lat = document.getElementById("Input_Latitude");
  var lon = document.getElementById("Input_Longitude");
  if (!el || !lat || !lon || !window.L) return;
  el.classList.remove("d-none");
  var read = function (input) { var v = parseFloat((input.value || "").replace(",", ".")); return isNaN(v) ? null : v; };
  var has = function () { return read(lat) !== null && read(lon) !== null; };
  var start = has() ? [read(lat), read(lon)] : [42.5, 12.5];
  var map = L.map(el).setView(start, has() ? 16 : 6);
  L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap" }).addTo(map);
  var marker = has() ? L.marker(start).addTo(map) : null;
  var place = function (latlng) { if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng).addTo(map); };
  map.on("click", function (e) {
    place(e.latlng);
    lat.value = e.latlng.lat.toFixed(6);
    lon.value = e.latlng.lng.toFixed(6);
  });
  var typed = function () { if (has()) { place([read(lat), read(lon)]); map.panTo([read(lat), read(lon)]); } };
  lat.addEventListener("change", typed);
  lon.addEventListener("change", typed);
})();

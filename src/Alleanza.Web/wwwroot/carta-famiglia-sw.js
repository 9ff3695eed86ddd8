// Service worker of the Family Card (scope /carta-famiglia/): an activated card opens without signal.
// The card pages («La mia Carta Famiglia» and each card) are fetched from the network when there is one and kept;
// without network the kept copy is shown, and the page keeps drawing its code with the key already in IndexedDB.
// The scripts, styles and fonts those pages use are kept as they are fetched (their URLs carry a version).
// Nothing else is kept: no other page, no form answer, no API response.
"use strict";
var CACHE = "alleanza-carta-famiglia-v1";
var CARD_PAGE = /^\/carta-famiglia\/(domanda|carte\/[0-9a-f-]{36})$/;
var ASSET = /^\/(css|js|lib|fonts|favicon)[^?]*/;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("alleanza-carta-famiglia") === 0 && k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// The page tells what it loaded (itself and its resources), so the first visit is enough to work offline.
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.keep) || [];
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (u) {
      var url = new URL(u, self.location.origin);
      if (url.origin !== self.location.origin || !(CARD_PAGE.test(url.pathname) || ASSET.test(url.pathname))) return null;
      return cache.match(url.href).then(function (hit) {
        if (hit && !CARD_PAGE.test(url.pathname)) return null;
        return fetch(url.href, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
          if (response.ok && response.type === "basic") return cache.put(url.href, response);
        }).catch(function () { /* offline now: what is kept stays */ });
      });
    }));
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && CARD_PAGE.test(url.pathname)) {
    event.respondWith(fetch(request).then(function (response) {
      return caches.open(CACHE).then(function (cache) {
        // Kept only when it is the card itself; signed out, or a card no longer the family's: forgotten.
        if (response.ok && !response.redirected) cache.put(url.href, response.clone());
        else cache.delete(url.href);
        return response;
      });
    }).catch(function () {
      return caches.match(url.href).then(function (kept) { return kept || Response.error(); });
    }));
    return;
  }
  if (ASSET.test(url.pathname)) {
    // A versioned URL (?v=…) never changes: the kept copy first. Anything else: the network first, the copy offline.
    var versioned = url.searchParams.has("v");
    var fromNetwork = function () {
      return fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request.url, copy); });
        }
        return response;
      });
    };
    event.respondWith(versioned
      ? caches.match(request.url).then(function (kept) { return kept || fromNetwork(); })
      : fromNetwork().catch(function () { return caches.match(request.url).then(function (kept) { return kept || Response.error(); }); }));
  }
});

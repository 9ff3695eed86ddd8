// The Family Card on a phone. The first time, the browser makes a P-256 key pair whose private half can never be
// exported (WebCrypto, kept in IndexedDB); the network signs a credential binding the card to the public half.
// Every 30 seconds the page signs "CF1.<credential>.<now>" with the private key and draws the QR.
// Format and checks: README, "Il QR della Carta Famiglia"; server side: Modules/FamilyCard/CardTokens.cs.
(function () {
  "use strict";
  var root = document.getElementById("live-card");
  if (!root || !window.crypto || !crypto.subtle || !window.indexedDB || typeof qrcode !== "function") return;
  root.hidden = false;
  keepForOffline();
  var offline = root.querySelector("[data-offline]");
  function showConnection() { offline.hidden = navigator.onLine; }
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);
  showConnection();
  var cardId = root.dataset.cardId;
  var status = root.querySelector("[data-qr-status]");
  var qrBox = root.querySelector("[data-qr]");
  var activate = root.querySelector("[data-activate]");
  var token = root.querySelector("input[name='__RequestVerificationToken']").value;
  var timer = null;
  var REFRESH_SECONDS = 30;

  // The service worker keeps this page, «La mia Carta Famiglia» and what they load, so the card opens without signal.
  function keepForOffline() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/carta-famiglia-sw.js", { scope: "/carta-famiglia/" })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        var loaded = performance.getEntriesByType("resource").map(function (e) { return e.name; });
        registration.active.postMessage({ keep: [location.pathname, "/carta-famiglia/domanda"].concat(loaded) });
      })
      .catch(function () { /* no service worker (private window, old browser): the card works online */ });
  }

  function b64url(bytes) {
    var s = "";
    bytes = new Uint8Array(bytes);
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function db() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open("alleanza-carta-famiglia", 1);
      open.onupgradeneeded = function () { open.result.createObjectStore("cards", { keyPath: "cardId" }); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }

  function store(mode, action) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var request = action(d.transaction("cards", mode).objectStore("cards"));
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    });
  }
  var load = function () { return store("readonly", function (s) { return s.get(cardId); }); };
  var save = function (record) { return store("readwrite", function (s) { return s.put(record); }); };
  var forget = function () { return store("readwrite", function (s) { return s.delete(cardId); }); };

  function post(url) {
    return fetch(url, { method: "POST", headers: { "X-CSRF-TOKEN": token, "Content-Type": "application/json" }, body: arguments[1] || "{}", credentials: "same-origin" });
  }

  function draw(text) {
    var qr = qrcode(0, "M");
    qr.addData(text);
    qr.make();
    var count = qr.getModuleCount(), quiet = 4, scale = Math.max(3, Math.floor(300 / (count + 2 * quiet)));
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = (count + 2 * quiet) * scale;
    var g = canvas.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = "#000";
    for (var y = 0; y < count; y++)
      for (var x = 0; x < count; x++)
        if (qr.isDark(y, x)) g.fillRect((x + quiet) * scale, (y + quiet) * scale, scale, scale);
    canvas.setAttribute("data-token", text);
    qrBox.replaceChildren(canvas);
  }

  function show(record) {
    activate.hidden = true;
    var next = REFRESH_SECONDS;
    function render() {
      var now = Math.floor(Date.now() / 1000);
      var signed = "CF1." + record.credential + "." + now;
      return crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, record.privateKey, new TextEncoder().encode(signed)).then(function (signature) {
        draw(signed + "." + b64url(signature));
        next = REFRESH_SECONDS;
      });
    }
    clearInterval(timer);
    render().then(function () {
      timer = setInterval(function () {
        next -= 1;
        if (next <= 0) render();
        status.textContent = "Il codice cambia tra " + next + " s. Mostratelo alla cassa.";
      }, 1000);
    }).catch(function () { status.textContent = "Non riesco a firmare il codice su questo dispositivo: riattivate la carta."; });
  }

  function askToActivate(message) {
    clearInterval(timer);
    qrBox.replaceChildren();
    status.textContent = message;
    activate.hidden = false;
  }

  activate.addEventListener("click", function () {
    activate.disabled = true;
    status.textContent = "Attivazione in corso…";
    crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]).then(function (pair) {
      return crypto.subtle.exportKey("raw", pair.publicKey).then(function (raw) {
        // The page shows the activation date next to the label: the label only says which kind of device it is.
        var label = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "Dispositivo";
        return post(root.dataset.activateUrl, JSON.stringify({ publicKey: b64url(raw), label: label }))
          .then(function (response) {
            return response.json().then(function (body) {
              if (!response.ok) throw new Error(body.detail || "Attivazione non riuscita.");
              var record = { cardId: cardId, deviceId: body.deviceId, credential: body.credential, expiresAt: body.expiresAt, privateKey: pair.privateKey };
              // Reloaded, so that the list of devices below shows this one (with «Disattiva»); the QR comes from the stored key.
              return save(record).then(function () { location.reload(); });
            });
          });
      });
    }).catch(function (e) { askToActivate(e.message || "Attivazione non riuscita."); })
      .finally(function () { activate.disabled = false; });
  });

  load().then(function (record) {
    if (!record) { askToActivate("La carta non è ancora attiva su questo dispositivo."); return; }
    show(record);
    // Online: take a fresh credential (after a key rotation or a renewal); a disabled device stops here.
    post(root.dataset.refreshUrl.replace("{device}", record.deviceId)).then(function (response) {
      if (response.status === 410 || response.status === 404) return forget().then(function () { askToActivate("Questo dispositivo è stato disattivato: attivate di nuovo la carta."); });
      if (!response.ok) return;
      return response.json().then(function (body) {
        record.credential = body.credential;
        record.expiresAt = body.expiresAt;
        return save(record).then(function () { show(record); });
      });
    }).catch(function () { /* offline: the stored credential keeps working */ });
  }).catch(function () { askToActivate("Il browser non permette di conservare la chiave della carta."); });
})();

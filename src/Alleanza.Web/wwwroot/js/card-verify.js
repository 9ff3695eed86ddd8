// Counter verification: reads the QR with the camera or from a photo (jsQR), sends the form; without a connection,
// checks the code's signatures here with the network keys published at /.well-known/carta-famiglia/chiavi.json and
// queues it, so that revocation is checked on the server as soon as the phone is online again.
(function () {
  "use strict";
  var form = document.getElementById("verify-form");
  if (!form) return;
  var code = document.getElementById("Input_Code");
  var scanner = document.getElementById("scanner");
  var video = scanner.querySelector("[data-video]");
  var scanStatus = scanner.querySelector("[data-scan-status]");
  var offline = document.getElementById("offline");
  var list = offline.querySelector("[data-offline-list]");
  var token = form.querySelector("input[name='__RequestVerificationToken']").value;
  var KEYS = "alleanza-card-keys", QUEUE = "alleanza-card-offline";
  var result = document.getElementById("esito");
  if (result) result.focus();

  // ---------- Reading the QR ----------
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var stream = null;

  function decode(source, width, height) {
    canvas.width = width; canvas.height = height;
    context.drawImage(source, 0, 0, width, height);
    var image = context.getImageData(0, 0, width, height);
    var found = window.jsQR && jsQR(image.data, width, height, { inversionAttempts: "dontInvert" });
    return found ? found.data : null;
  }

  function found(text) {
    stop();
    code.value = text;
    scanStatus.textContent = "Codice letto.";
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  function stop() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.hidden = true;
  }

  if (window.jsQR) {
    scanner.hidden = false;
    scanner.querySelector("[data-scan]").addEventListener("click", function () {
      if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { scanStatus.textContent = "Questo browser non può usare la fotocamera: scrivete il numero della carta."; return; }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        scanStatus.textContent = "Inquadrate il QR sul telefono della famiglia.";
        return video.play();
      }).then(function tick() {
        if (!stream) return;
        if (video.readyState >= 2 && video.videoWidth > 0) {
          var text = decode(video, video.videoWidth, video.videoHeight);
          if (text) { found(text); return; }
        }
        requestAnimationFrame(tick);
      }).catch(function () { stop(); scanStatus.textContent = "Fotocamera non disponibile o non autorizzata: scrivete il numero della carta."; });
    });
    scanner.querySelector("[data-photo]").addEventListener("change", function (event) {
      var file = event.target.files && event.target.files[0];
      if (!file) return;
      createImageBitmap(file).then(function (bitmap) {
        var scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
        var text = decode(bitmap, Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
        if (text) found(text); else scanStatus.textContent = "Nessun QR trovato nella foto: riprovate più da vicino.";
      }).catch(function () { scanStatus.textContent = "Non riesco a leggere questa immagine."; });
    });
  }

  // ---------- Without a connection ----------
  function b64(text) {
    var s = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    var bytes = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return bytes;
  }
  var ascii = function (s) { return new TextEncoder().encode(s); };
  var ecdsa = { name: "ECDSA", hash: "SHA-256" };
  var curve = { name: "ECDSA", namedCurve: "P-256" };

  function keys() { try { return JSON.parse(localStorage.getItem(KEYS) || "[]"); } catch (e) { return []; } }

  function checkOffline(text) {
    var parts = text.trim().split(".");
    var live = parts[0] === "CF1" && parts.length === 5, printed = parts[0] === "CFP1" && parts.length === 3;
    if (!live && !printed) return Promise.resolve({ ok: false, message: "Codice non leggibile come Carta Famiglia." });
    var claims, payload;
    try { payload = b64(parts[1]); claims = JSON.parse(new TextDecoder().decode(payload)); }
    catch (e) { return Promise.resolve({ ok: false, message: "Codice non leggibile come Carta Famiglia." }); }
    var jwk = keys().filter(function (k) { return k.kid === claims.k; })[0];
    if (!jwk) return Promise.resolve({ ok: false, message: "Chiave sconosciuta: falso, o chiavi da aggiornare (serve la connessione)." });
    if (jwk.network !== claims.n) return Promise.resolve({ ok: false, message: "Firmata con la chiave di un'altra rete: falso." });
    return crypto.subtle.importKey("jwk", { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y }, curve, false, ["verify"])
      .then(function (key) { return crypto.subtle.verify(ecdsa, key, b64(parts[2]), payload); })
      .then(function (good) {
        if (!good) return { ok: false, message: "Firma della rete non valida: codice falso o alterato." };
        if (printed) return { ok: true, message: "Carta stampata autentica: verificate un documento." };
        var now = Math.floor(Date.now() / 1000), shown = Number(parts[3]);
        return crypto.subtle.importKey("raw", b64(claims.p), curve, false, ["verify"])
          .then(function (device) { return crypto.subtle.verify(ecdsa, device, b64(parts[4]), ascii(parts.slice(0, 4).join("."))); })
          .then(function (fromPhone) {
            if (!fromPhone) return { ok: false, message: "Il codice non viene dal telefono su cui la carta è attiva." };
            if (claims.e <= now) return { ok: false, message: "Carta scaduta." };
            if (shown > now + 30) return { ok: false, message: "L'orologio del telefono della famiglia non è corretto." };
            if (now - shown > 60) return { ok: false, message: "Codice vecchio (forse una foto dello schermo)." };
            return { ok: true, message: "Firma valida." };
          });
      }).catch(function () { return { ok: false, message: "Codice non valido." }; });
  }

  function queue() { try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; } }
  function saveQueue(items) { localStorage.setItem(QUEUE, JSON.stringify(items)); }

  function render() {
    var items = queue();
    offline.hidden = items.length === 0;
    list.replaceChildren.apply(list, items.map(function (item) {
      var li = document.createElement("li");
      li.className = "list-group-item";
      li.textContent = new Date(item.checkedAt * 1000).toLocaleTimeString("it-IT") + " — " + item.message + (item.final ? "" : " Revoca da controllare appena torna la connessione.");
      return li;
    }));
  }

  function recheck() {
    var items = queue();
    var pending = items.filter(function (i) { return !i.final; });
    if (!navigator.onLine || pending.length === 0) return;
    Promise.all(pending.map(function (item) {
      return fetch(offline.dataset.statusUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": token },
        body: JSON.stringify({ code: item.code, checkedAt: item.checkedAt }),
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (answer) {
        if (!answer) return;
        item.final = true;
        item.code = "";
        item.message = (answer.accepted ? "✓ Confermata online: " : "✗ Online: ") + answer.message + (answer.holder ? " (" + answer.holder + ")" : "");
      }).catch(function () { /* still offline */ });
    })).then(function () { saveQueue(items); render(); });
  }

  form.addEventListener("submit", function (event) {
    if (navigator.onLine || !code.value) return;
    event.preventDefault();
    var text = code.value, at = Math.floor(Date.now() / 1000);
    checkOffline(text).then(function (outcome) {
      var items = queue();
      items.unshift({ code: text, checkedAt: at, message: (outcome.ok ? "✓ " : "✗ ") + outcome.message, final: !outcome.ok });
      saveQueue(items.slice(0, 50));
      code.value = "";
      render();
    });
  });

  if (navigator.onLine)
    fetch(offline.dataset.keysUrl, { credentials: "omit" }).then(function (r) { return r.json(); })
      .then(function (set) { localStorage.setItem(KEYS, JSON.stringify(set.keys || [])); }).catch(function () { });
  window.addEventListener("online", recheck);
  render();
  recheck();
})();

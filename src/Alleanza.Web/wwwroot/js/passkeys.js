// Passkeys (WebAuthn) for the sign-in and "add a passkey" forms. The server gives the options as JSON,
// the browser's authenticator answers, and the answer is posted back in the form's CredentialJson field.
(function () {
  "use strict";

  function token(form) {
    var input = form.querySelector("input[name='__RequestVerificationToken']");
    return input ? input.value : "";
  }

  async function fetchOptions(form) {
    var response = await fetch(form.dataset.optionsUrl, {
      method: "POST",
      headers: { "X-CSRF-TOKEN": token(form) },
      credentials: "same-origin"
    });
    if (!response.ok) throw new Error("options " + response.status);
    return response.json();
  }

  function wire(form, create) {
    var status = form.querySelector("[role=status]");
    var field = form.querySelector("input[name='CredentialJson']");
    if (!window.PublicKeyCredential || !PublicKeyCredential.parseRequestOptionsFromJSON) {
      if (status) status.textContent = "Questo browser non supporta le passkey.";
      return;
    }
    form.addEventListener("submit", async function (event) {
      if (field.value) return; // second pass: the credential is ready, let the form go
      event.preventDefault();
      if (status) status.textContent = create ? "Segui le istruzioni del dispositivo per creare la passkey…" : "Segui le istruzioni del dispositivo…";
      try {
        var options = await fetchOptions(form);
        var credential = create
          ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
          : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        field.value = JSON.stringify(credential.toJSON());
        form.submit();
      } catch (e) {
        if (status) status.textContent = "Operazione annullata o non riuscita. Puoi riprovare.";
      }
    });
  }

  var login = document.getElementById("passkey-login");
  if (login) wire(login, false);
  var add = document.getElementById("passkey-add");
  if (add) wire(add, true);
})();

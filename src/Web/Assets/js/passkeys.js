// Passkeys (WebAuthn) for the forms marked data-passkey="create" (add one) or "get" (sign in with one).
// On submit: ask this site for the ceremony's options (posting the form's antiforgery token), hand them to the
// browser's authenticator, put its answer in the form's CredentialJson field and submit the form as usual.
// Without WebAuthn (or without this script) the forms stay hidden and the page explains why.
(() => {
  if (!window.PublicKeyCredential || !navigator.credentials) {
    return;
  }

  const toBytes = (base64url) => {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  };

  const toBase64url = (buffer) => {
    let text = "";
    for (const byte of new Uint8Array(buffer)) {
      text += String.fromCharCode(byte);
    }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };

  const withIds = (list) => (list || []).map((c) => ({ ...c, id: toBytes(c.id) }));

  const creationOptions = (json) => ({
    ...json,
    challenge: toBytes(json.challenge),
    user: { ...json.user, id: toBytes(json.user.id) },
    excludeCredentials: withIds(json.excludeCredentials),
  });

  const requestOptions = (json) => ({
    ...json,
    challenge: toBytes(json.challenge),
    allowCredentials: withIds(json.allowCredentials),
  });

  // The JSON form of a credential that Identity reads (what PublicKeyCredential.toJSON gives where it exists).
  const credentialJson = (credential) => {
    if (typeof credential.toJSON === "function") {
      return JSON.stringify(credential.toJSON());
    }
    const r = credential.response;
    const response = { clientDataJSON: toBase64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toBase64url(r.attestationObject);
      response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
    } else {
      response.authenticatorData = toBase64url(r.authenticatorData);
      response.signature = toBase64url(r.signature);
      response.userHandle = r.userHandle ? toBase64url(r.userHandle) : null;
    }
    return JSON.stringify({
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults(),
      response,
    });
  };

  const explain = (error, creating) => {
    switch (error && error.name) {
      case "NotAllowedError":
        return "The passkey prompt was closed or timed out. Try again.";
      case "InvalidStateError":
        return creating ? "This device or security key holds a passkey for your account already." : "That passkey cannot be used here.";
      case "SecurityError":
        return "This browser refuses passkeys for this address. Use the site's https address (or localhost).";
      default:
        return (error && error.message) || "Something went wrong with the passkey. Try again.";
    }
  };

  const fetchOptions = async (form) => {
    const body = new URLSearchParams();
    const token = form.elements.namedItem("__af");
    if (token) {
      body.set("__af", token.value);
    }
    const answer = await fetch(form.dataset.passkeyOptions, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    const json = await answer.json().catch(() => ({}));
    if (!answer.ok) {
      throw new Error(json.message || "This site could not start the passkey ceremony. Reload the page and try again.");
    }
    return json;
  };

  for (const form of document.querySelectorAll("form[data-passkey]")) {
    if (form.dataset.passkeyReady) {
      continue;
    }
    form.dataset.passkeyReady = "true";
    const creating = form.dataset.passkey === "create";
    const problem = form.querySelector("[data-passkey-problem]");
    const button = form.querySelector("button[type=submit]");
    form.hidden = false;
    for (const note of form.parentElement.querySelectorAll("[data-passkey-unsupported]")) {
      note.hidden = true;
    }

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (creating && !form.reportValidity()) {
        return;
      }
      problem.hidden = true;
      button.disabled = true;
      try {
        const options = await fetchOptions(form);
        const credential = creating
          ? await navigator.credentials.create({ publicKey: creationOptions(options) })
          : await navigator.credentials.get({ publicKey: requestOptions(options) });
        form.elements.namedItem("CredentialJson").value = credentialJson(credential);
        form.submit();
      } catch (error) {
        problem.textContent = explain(error, creating);
        problem.hidden = false;
        button.disabled = false;
      }
    });
  }
})();

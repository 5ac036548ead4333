// Manage OAuth: show only the chosen provider's fields (environment, subdomain) and notes. Without this script
// every configured provider's fields show, each under its provider's name, and the form works the same.
for (const form of document.querySelectorAll("form[data-provider-form]")) {
  const select = form.querySelector("select[data-provider-select]");
  const show = () => {
    for (const part of form.querySelectorAll("[data-provider]")) {
      part.hidden = part.dataset.provider !== select.value;
    }
  };
  select.addEventListener("change", show);
  show();
}

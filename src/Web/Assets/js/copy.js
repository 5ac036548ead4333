// Copy buttons for text shown once, such as a new API key: <button data-copy="id-of-the-element" hidden>.
// Without this script (or without a clipboard) the button stays hidden and the text can still be selected.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const source = document.getElementById(button.dataset.copy);
  if (source && navigator.clipboard) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        button.textContent = "Copied";
      } catch {
        button.textContent = "Not copied: select the key and copy it";
      }
    });
  }
}

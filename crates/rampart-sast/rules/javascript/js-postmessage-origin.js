// ruleid: js-postmessage-origin
window.addEventListener("message", (event) => {
  apply(event.data);
});

// ok: js-postmessage-origin
window.addEventListener("message", (event) => {
  if (event.origin !== "https://app.example.com") return;
  apply(event.data);
});

function render(msg) {
  return "<b>" + msg + "</b>";
}

function show() {
  const hash = decodeURIComponent(location.hash.slice(1));
  // ruleid: js-xss-dom-taint
  document.getElementById("msg").innerHTML = hash;
  // ruleid: js-xss-dom-taint
  document.write(render(document.referrer));
  // ruleid: js-xss-dom-taint
  $("#out").html(new URLSearchParams(window.location.search).get("q"));
  // ok: js-xss-dom-taint
  document.getElementById("msg").textContent = hash;
  // ok: js-xss-dom-taint
  document.getElementById("msg").innerHTML = DOMPurify.sanitize(hash);
  // ok: js-xss-dom-taint
  document.getElementById("msg").innerHTML = "<b>Welcome</b>";
}

window.addEventListener("message", (event) => {
  // ruleid: js-xss-dom-taint
  document.body.insertAdjacentHTML("beforeend", event.data);
});

async function login(body) {
  // ruleid: js-cleartext-http
  await fetch("http://api.example.com/login", { method: "POST", body });
  // ok: js-cleartext-http
  await fetch("https://api.example.com/login", { method: "POST", body });
  // ok: js-cleartext-http
  await fetch("http://localhost:3000/health");
}

// ruleid: js-cleartext-http
const feed = new WebSocket("ws://stream.example.com/prices");
// ok: js-cleartext-http
const secureFeed = new WebSocket("wss://stream.example.com/prices");
// ok: js-cleartext-http
const devFeed = new WebSocket("ws://localhost:8080/prices");
// ruleid: js-cleartext-http
axios({ method: "post", url: "http://api.example.com/orders", data: {} });

async function login(body) {
  // ruleid: js-cleartext-http
  await fetch("http://api.example.com/login", { method: "POST", body });
  // ok: js-cleartext-http
  await fetch("https://api.example.com/login", { method: "POST", body });
  // ok: js-cleartext-http
  await fetch("http://localhost:3000/health");
}

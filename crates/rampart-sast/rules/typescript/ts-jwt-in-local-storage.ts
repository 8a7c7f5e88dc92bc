export function saveLogin(res: { token: string; theme: string }) {
  // ruleid: ts-jwt-in-local-storage
  localStorage.setItem("access_token", res.token);
  // ok: ts-jwt-in-local-storage
  localStorage.setItem("theme", res.theme);
}

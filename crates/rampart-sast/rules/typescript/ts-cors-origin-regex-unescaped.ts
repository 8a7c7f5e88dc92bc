import cors from "cors";

const allowedOrigins = [
  // ok: ts-cors-origin-regex-unescaped
  /^https:\/\/app\.example\.com$/,
  // ruleid: ts-cors-origin-regex-unescaped
  /^https:\/\/admin.example.com$/,
];

export const corsOptions = {
  // ruleid: ts-cors-origin-regex-unescaped
  origin: /^https?:\/\/(www|shop).example\.org$/,
  credentials: true,
};

export const middleware = cors({ origin: allowedOrigins });

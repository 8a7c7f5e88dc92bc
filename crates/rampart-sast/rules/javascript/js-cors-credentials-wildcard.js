const cors = require("cors");

// ruleid: js-cors-credentials-wildcard
app.use(cors({ origin: true, credentials: true }));
// ok: js-cors-credentials-wildcard
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));

app.use((req, res, next) => {
  // ruleid: js-cors-credentials-wildcard
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

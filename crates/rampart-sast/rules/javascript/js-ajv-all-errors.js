const Ajv = require("ajv");

const options = { allErrors: true, coerceTypes: true };
// ruleid: js-ajv-all-errors
const strict = new Ajv(options);

function makeValidator(schema) {
  // ruleid: js-ajv-all-errors
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(schema);
}

function makeQuietValidator(schema) {
  // ok: js-ajv-all-errors
  const ajv = new Ajv({ allErrors: process.env.NODE_ENV !== "production" });
  return ajv.compile(schema);
}

// ok: js-ajv-all-errors
const lenient = new Ajv({ coerceTypes: true });

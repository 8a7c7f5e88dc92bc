const Mustache = require("mustache");

// ruleid: js-template-escape-disabled
Mustache.escape = function (text) { return text; };

function configure(engine) {
  // ruleid: js-template-escape-disabled
  engine.escape = (s) => s;
  // ok: js-template-escape-disabled
  engine.escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const select2Options = {};
// ruleid: js-template-escape-disabled
select2Options.escapeMarkup = false;
// ok: js-template-escape-disabled
select2Options.minimumInputLength = 2;

function validEmail(input) {
  // ruleid: js-regex-dos
  return /^([a-zA-Z0-9]+\.?)+@example\.com$/.test(input);
}

function words(input) {
  // ruleid: js-regex-dos
  const re = new RegExp("^(\\w+\\s?)*$");
  return re.test(input);
}

function wordsOk(input) {
  // ok: js-regex-dos
  return /^[\w\s]*$/.test(input);
}

function highlight(text, term) {
  // ruleid: js-regex-dos
  return text.replace(new RegExp("(" + term + ")", "gi"), "<mark>$1</mark>");
}

function highlightOk(text, term) {
  // ok: js-regex-dos
  return text.replace(new RegExp("(" + _.escapeRegExp(term) + ")", "gi"), "<mark>$1</mark>");
}

function digits(input) {
  // ok: js-regex-dos
  return input.match(/(\d+)-(\d+)/);
}

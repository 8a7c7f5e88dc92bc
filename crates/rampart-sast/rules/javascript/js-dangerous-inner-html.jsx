function Comment({ comment }) {
  // ruleid: js-dangerous-inner-html
  return <div dangerouslySetInnerHTML={{ __html: comment.body }} />;
}

function Safe({ comment }) {
  // ok: js-dangerous-inner-html
  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.body) }} />;
}

function setBanner(el, text) {
  // ruleid: js-dangerous-inner-html
  el.innerHTML = text;
  // ok: js-dangerous-inner-html
  el.innerHTML = "";
  // ok: js-dangerous-inner-html
  el.textContent = text;
}

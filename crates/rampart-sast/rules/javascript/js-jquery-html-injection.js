function showGreeting(name) {
  // ruleid: js-jquery-html-injection
  $("#greeting").html("<b>Hello " + name + "</b>");
  // ok: js-jquery-html-injection
  $("#greeting").text("Hello " + name);
  // ok: js-jquery-html-injection
  $("#greeting").html("<b>Hello</b>");
}

function renderRows(rows) {
  const table = $("#rows");
  for (const row of rows) {
    // ruleid: js-jquery-html-injection
    table.append(`<tr><td>${row.title}</td></tr>`);
  }
  // ok: js-jquery-html-injection
  table.append($("<tr>").text("end"));
}

function focusAnchor() {
  // ruleid: js-jquery-html-injection
  $(window.location.hash).addClass("active");
  const id = "#section-" + location.hash.slice(1);
  // ruleid: js-jquery-html-injection
  $(id).show();
  // ok: js-jquery-html-injection
  $("#section-main").show();
}

function banner(markup) {
  // ruleid: js-jquery-html-injection
  $(markup).prependTo("body");
  // ok: js-jquery-html-injection
  $("<hr/>").prependTo("body");
  // ruleid: js-jquery-html-injection
  jQuery.globalEval(markup);
}

$("li").each(function () {
  // ok: js-jquery-html-injection
  $(this).addClass("item");
});

// A table too wide for the screen scrolls inside its .table-responsive wrapper. Keyboard users
// must be able to scroll it too (WCAG 2.1.1), so a wrapper that actually scrolls and holds
// nothing focusable becomes a named, focusable region; one that fits stays out of the tab order.
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  function tableName(wrapper) {
    var caption = wrapper.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var table = wrapper.querySelector("table[aria-labelledby]");
    var label = table && document.getElementById(table.getAttribute("aria-labelledby"));
    return label ? label.textContent.trim() : "";
  }

  function update() {
    document.querySelectorAll(".table-responsive").forEach(function (wrapper) {
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      if (scrolls && !wrapper.querySelector(FOCUSABLE)) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", tableName(wrapper) || "Tabell");
      } else if (wrapper.getAttribute("tabindex") === "0" && wrapper.getAttribute("role") === "region") {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    });
  }

  var timer;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();

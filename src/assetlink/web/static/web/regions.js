// A table too wide for the screen scrolls inside its own region: such a region is reachable by keyboard
// (so it can be scrolled without a mouse) and named by its table's caption. Regions that fit are left
// as they are, and the marks follow the window's width.
(function () {
  "use strict";
  var named = 0;

  function mark() {
    document.querySelectorAll(".table-wrapper").forEach(function (wrapper) {
      var caption = wrapper.querySelector("caption");
      if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        wrapper.tabIndex = 0;
        if (caption) {
          if (!caption.id) { named += 1; caption.id = "table-caption-" + named; }
          // A group, not a landmark: two tables may share a caption on one page.
          wrapper.setAttribute("role", "group");
          wrapper.setAttribute("aria-labelledby", caption.id);
        }
      } else if (wrapper.hasAttribute("tabindex")) {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-labelledby");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();

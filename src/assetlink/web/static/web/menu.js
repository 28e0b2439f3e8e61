// On narrow screens the site menu (language, account, programme navigation) folds behind a "Menu"
// button; without scripts, or on wide screens, it is always open.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!button || !menu) {
    return;
  }
  button.hidden = false;
  document.documentElement.classList.add("has-menu-toggle");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
  });
})();

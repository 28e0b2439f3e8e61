// Keyboard and pointer behaviour of the autocomplete boxes (WAI-ARIA combobox with a listbox popup).
// htmx fetches the suggestions; this script moves the active option, selects one and keeps the URI field.
(function () {
  "use strict";

  function parts(box) {
    return {
      input: box.querySelector("[role=combobox]"),
      value: box.querySelector("[data-combobox-value]"),
      list: box.querySelector("[role=listbox]"),
      status: box.querySelector("[data-combobox-status]"),
    };
  }

  function options(list) {
    return Array.prototype.filter.call(list.querySelectorAll("[role=option]"), function (option) {
      return option.getAttribute("aria-disabled") !== "true";
    });
  }

  function close(box) {
    var p = parts(box);
    p.list.hidden = true;
    p.input.setAttribute("aria-expanded", "false");
    p.input.removeAttribute("aria-activedescendant");
  }

  function activate(box, option) {
    var p = parts(box);
    options(p.list).forEach(function (other) { other.setAttribute("aria-selected", String(other === option)); });
    if (option) {
      p.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }
  }

  function choose(box, option) {
    var p = parts(box);
    p.input.value = option.getAttribute("data-label");
    p.value.value = option.getAttribute("data-value");
    close(box);
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var box = event.target.closest("[data-combobox]");
    if (!box) { return; }
    var p = parts(box);
    var count = options(p.list).length;
    var hasItems = p.list.children.length > 0;
    p.list.hidden = !hasItems;
    p.input.setAttribute("aria-expanded", String(hasItems));
    p.status.textContent = hasItems ? box.getAttribute("data-status").replace("__COUNT__", String(count)) : "";
  });

  document.addEventListener("input", function (event) {
    var box = event.target.closest("[data-combobox]");
    if (box && event.target.getAttribute("role") === "combobox") {
      parts(box).value.value = "";  // typed text no longer names the chosen concept
    }
  });

  document.addEventListener("keydown", function (event) {
    var box = event.target.closest("[data-combobox]");
    if (!box || event.target.getAttribute("role") !== "combobox") { return; }
    var p = parts(box);
    var all = options(p.list);
    var current = all.indexOf(document.getElementById(p.input.getAttribute("aria-activedescendant") || ""));
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) { return; }
      event.preventDefault();
      p.list.hidden = false;
      p.input.setAttribute("aria-expanded", "true");
      var next = event.key === "ArrowDown" ? current + 1 : current - 1;
      activate(box, all[(next + all.length) % all.length]);
    } else if (event.key === "Enter" && current >= 0 && !p.list.hidden) {
      event.preventDefault();
      choose(box, all[current]);
    } else if (event.key === "Escape") {
      close(box);
    }
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-combobox] [role=option]");
    if (option && option.getAttribute("aria-disabled") !== "true") {
      choose(option.closest("[data-combobox]"), option);
      return;
    }
    document.querySelectorAll("[data-combobox]").forEach(function (box) {
      if (!box.contains(event.target)) { close(box); }
    });
  });
})();

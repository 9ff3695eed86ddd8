// Wide tables scroll sideways inside .table-responsive on phones; a keyboard user can scroll such a region only if it
// takes focus (axe: scrollable-region-focusable). Regions a page already made focusable are left as they are; the
// others get tabindex, the region role and their table's caption as name. Without JavaScript the table still scrolls.
(function () {
  "use strict";
  document.querySelectorAll(".table-responsive:not([tabindex])").forEach(function (region) {
    var caption = region.querySelector("caption");
    var name = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    region.setAttribute("tabindex", "0");
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", name || "Tabella");
  });
})();

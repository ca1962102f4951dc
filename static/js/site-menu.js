// The header's menu on narrow screens: a disclosure button (aria-expanded) that shows
// and hides the sections, the search and the account links. Without JavaScript the
// button stays hidden and everything is shown, wrapped under the brand.
(() => {
  const header = document.querySelector(".site-header");
  const toggle = header && header.querySelector("[data-menu-toggle]");
  const menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!menu) return;
  const isOpen = () => toggle.getAttribute("aria-expanded") === "true";
  const set = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("is-open", open);
  };
  header.classList.add("js-menu");
  toggle.hidden = false;
  toggle.addEventListener("click", () => set(!isOpen()));
  header.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && isOpen()) {
      set(false);
      toggle.focus();
    }
  });
})();

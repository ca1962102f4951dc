// Results first on narrow screens: each listing's filter panel (the aside of a
// .layout-sidebar) folds behind a disclosure button, so the results start near the top
// of a phone's screen. Wide screens and browsers without JavaScript show the filters as
// they are. A panel that reports a problem (an error message) stays open.
(() => {
  const script = document.currentScript;
  const labels = {
    show: script.dataset.labelShow,
    hide: script.dataset.labelHide,
  };
  const narrow = window.matchMedia("(max-width: 48rem)");
  document.querySelectorAll(".layout-sidebar > aside").forEach((aside, n) => {
    const heading = aside.querySelector("h2");
    if (!heading || !aside.querySelector("form")) return;
    const panel = document.createElement("div");
    panel.id = `listing-filters-${n + 1}`;
    panel.className = "listing-filters__panel";
    while (heading.nextSibling) panel.append(heading.nextSibling);
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "secondary listing-filters__toggle";
    toggle.setAttribute("aria-controls", panel.id);
    const chips = [...panel.querySelectorAll("select, input")].filter((field) => {
      if (field.name === "q" || field.name === "sort" || field.type === "hidden") return false;
      if (field.type === "checkbox" || field.type === "radio") return field.checked;
      return field.value !== "";
    }).length;
    const keepOpen = Boolean(panel.querySelector('[role="alert"], .errorlist, [aria-invalid="true"]'));
    const set = (open) => {
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = (open ? labels.hide : labels.show) + (chips ? ` (${chips})` : "");
    };
    const fit = () => {
      toggle.hidden = !narrow.matches;
      set(!narrow.matches || keepOpen);
    };
    aside.classList.add("listing-filters");
    heading.after(toggle, panel);
    toggle.addEventListener("click", () => set(panel.hidden));
    narrow.addEventListener("change", fit);
    fit();
  });
})();

// Autocomplete for search boxes: <input data-autocomplete="/search/autocomplete/">.
// Progressive enhancement: without JavaScript the box is a plain search form.
// Follows the WAI-ARIA combobox pattern (list autocomplete, aria-activedescendant).

const DEBOUNCE_MS = 150;
const MIN_CHARS = 2;
let counter = 0;

function enhance(input) {
  const endpoint = input.dataset.autocomplete;
  if (!endpoint || input.dataset.autocompleteReady) return;
  input.dataset.autocompleteReady = "1";
  counter += 1;
  const listId = `search-suggestions-${counter}`;

  const wrapper = document.createElement("div");
  wrapper.className = "autocomplete";
  input.parentNode.insertBefore(wrapper, input);
  wrapper.appendChild(input);

  const list = document.createElement("ul");
  list.id = listId;
  list.className = "autocomplete__list";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  wrapper.appendChild(list);

  const status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  wrapper.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  let timer = null;
  let controller = null;
  let active = -1;
  let items = [];

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
    items = [];
  }

  function highlight(index) {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(index) {
    const item = items[index];
    if (!item) return;
    if (item.url) {
      window.location.assign(item.url);
    } else {
      input.value = item.title;
      close();
      input.form?.submit();
    }
  }

  function render(results) {
    items = results;
    list.replaceChildren();
    results.forEach((item, i) => {
      const option = document.createElement("li");
      option.id = `${listId}-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      const title = document.createElement("span");
      title.textContent = item.title;
      const kind = document.createElement("span");
      kind.className = "autocomplete__type";
      kind.textContent = item.type_label;
      option.append(title, kind);
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        choose(i);
      });
      list.appendChild(option);
    });
    const open = results.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    status.textContent = open ? `${results.length}` : "";
    active = -1;
  }

  async function fetchSuggestions() {
    const q = input.value.trim();
    if (q.length < MIN_CHARS) {
      close();
      return;
    }
    controller?.abort();
    controller = new AbortController();
    try {
      const url = `${endpoint}?q=${encodeURIComponent(q)}`;
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        signal: controller.signal,
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const body = await response.json();
      if (input.value.trim() === q) render(body.results || []);
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
}

function init() {
  document.querySelectorAll("input[data-autocomplete]").forEach(enhance);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}

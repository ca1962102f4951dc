// The notification bell: keeps the unread count live over a WebSocket.
// Progressive enhancement: without JavaScript or WebSockets the server-rendered count
// stays correct on every page load. On reconnect the server sends the current count,
// and after a drop the page also asks the JSON endpoint, so a stale badge catches up.
const bell = document.querySelector("[data-notification-bell]");

function render(count) {
  const badge = bell.querySelector("[data-unread-count]");
  if (!badge) return;
  const hidden = badge.querySelector(".visually-hidden");
  badge.textContent = String(count);
  if (hidden) badge.append(hidden);
  badge.hidden = count === 0;
}

async function refresh() {
  try {
    const response = await fetch(bell.dataset.countUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (response.ok) render((await response.json()).unread);
  } catch {
    // Offline: the next reconnect will try again.
  }
}

function connect(attempt = 0) {
  if (!("WebSocket" in window)) return;
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${window.location.host}${bell.dataset.wsPath}`);
  socket.addEventListener("open", () => {
    attempt = 0;
  });
  socket.addEventListener("message", (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    if (data.type === "notification.count" && Number.isInteger(data.unread)) render(data.unread);
  });
  socket.addEventListener("close", (event) => {
    if (event.code === 4401) return; // signed out: nothing to listen for
    const delay = Math.min(30000, 1000 * 2 ** attempt) + Math.random() * 1000;
    window.setTimeout(() => {
      refresh();
      connect(attempt + 1);
    }, delay);
  });
}

if (bell) connect();

// Live updates for a forum topic page or a live room (progressive enhancement: without
// this script, or without WebSockets, everything works by reloading the page).
//
// The socket resumes from the last id this page has seen and from the number of the last
// change it applied (data-cursor, then the "seq" of every event): the server replays the
// new posts and the current state of everything edited, hidden, reacted to, accepted,
// renamed or moved since, so a dropped connection ends in the state a fresh page load
// shows, never shows a post twice, and is told to reload when it was away too long.

const RECONNECT_MAX_MS = 30000;
const HEARTBEAT_MS = 30000;
const TYPING_EVERY_MS = 3000;
const TYPING_SHOW_MS = 5000;

function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  return template.content.firstElementChild;
}

function connect(root, handlers) {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  const url = `${scheme}://${window.location.host}${root.dataset.wsUrl}`;
  let lastId = Number(root.dataset.lastId || 0);
  let cursor = root.dataset.cursor === undefined ? null : Number(root.dataset.cursor);
  let socket = null;
  let delay = 1000;
  let heartbeat = null;

  function resume() {
    const frame = { type: "resume", last_id: lastId };
    if (cursor !== null) frame.cursor = cursor;
    socket.send(JSON.stringify(frame));
  }

  function open() {
    socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      delay = 1000;
      resume();
      heartbeat = window.setInterval(() => send({ type: "presence" }), HEARTBEAT_MS);
    });
    socket.addEventListener("message", (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === "reload") {
        handlers.reload(frame.message);
        return;
      }
      if (frame.type === "resync") {
        // The server missed events for a moment (its connection to the others was
        // lost): catch up as after a reconnect.
        resume();
        return;
      }
      const seen = handlers.frame(frame);
      if (typeof seen === "number" && seen > lastId) lastId = seen;
      if (frame.type === "resume.done" && typeof frame.cursor === "number") cursor = frame.cursor;
      else if (typeof frame.seq === "number" && cursor !== null && frame.seq > cursor) cursor = frame.seq;
    });
    socket.addEventListener("close", (event) => {
      window.clearInterval(heartbeat);
      if ([4401, 4403, 4404].includes(event.code)) {
        handlers.closed(event.code);
        return;
      }
      window.setTimeout(open, delay);
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    });
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  open();
  return { send };
}

// Words come from data-label-* attributes that the template translates.
function label(root, name, value) {
  return (root.dataset[name] || "").replace("%s", value);
}

function presenceText(root, readers) {
  const others = readers.filter((r) => String(r.id) !== String(root.dataset.userId)).map((r) => r.name);
  if (!others.length) return "";
  return label(root, "labelReading", others.join(", "));
}

function typingIndicator(root, element) {
  const typers = new Map();
  return (name) => {
    typers.set(name, Date.now());
    const render = () => {
      const now = Date.now();
      for (const [who, at] of typers) if (now - at > TYPING_SHOW_MS) typers.delete(who);
      element.textContent = typers.size ? label(root, "labelTyping", [...typers.keys()].join(", ")) : "";
    };
    render();
    window.setTimeout(render, TYPING_SHOW_MS + 100);
  };
}

function throttledTyping(field, live) {
  let last = 0;
  field?.addEventListener("input", () => {
    const now = Date.now();
    if (now - last > TYPING_EVERY_MS) {
      last = now;
      live.send({ type: "typing" });
    }
  });
}

// The page is too far behind to catch up: say so, with a link that reloads it.
function askReload(box, message) {
  box.hidden = false;
  box.textContent = `${message} `;
  const link = document.createElement("a");
  link.href = window.location.href;
  link.textContent = "↻";
  link.setAttribute("aria-label", message);
  box.append(link);
}

function showTopicState(topic) {
  const title = document.querySelector("[data-topic-title]");
  if (title) title.textContent = topic.title;
  document.title = document.title.replace(/^[^·]*·/, `${topic.title} ·`);
  const tags = { pinned: topic.pinned, locked: topic.locked, closed: topic.closed && !topic.locked };
  for (const [name, on] of Object.entries(tags)) {
    const tag = document.querySelector(`[data-topic-tag="${name}"]`);
    if (tag) tag.hidden = !on;
  }
  const category = document.querySelector("[data-topic-category]");
  if (category) {
    category.textContent = topic.category;
    category.href = topic.category_url;
  }
  showAccepted(topic.accepted_post_id);
}

function showAccepted(postId) {
  document.querySelectorAll("[data-accepted-badge]").forEach((badge) => {
    const article = badge.closest("article");
    const accepted = article.dataset.postId === String(postId);
    badge.hidden = !accepted;
    article.classList.toggle("post--accepted", accepted);
  });
}

function revealControls(element, root) {
  const userId = root.dataset.userId;
  element.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach((input) => {
    input.value = csrfToken();
  });
  if (element.dataset.authorId && element.dataset.authorId === userId) {
    element.querySelectorAll("[data-owner-only]").forEach((el) => { el.hidden = false; });
  }
  if (root.dataset.moderator === "1") {
    element.querySelectorAll("[data-moderator-only],[data-owner-only]").forEach((el) => { el.hidden = false; });
  }
  if (root.dataset.asker === "1" || root.dataset.moderator === "1") {
    element.querySelectorAll("[data-asker-only]").forEach((el) => { el.hidden = false; });
  }
}

function startTopic(root) {
  const list = document.getElementById("post-list");
  const notice = document.getElementById("live-new-posts");
  const presence = document.getElementById("live-presence");
  const showTyping = typingIndicator(root, document.getElementById("live-typing"));
  const onLastPage = root.dataset.lastPage === "1";
  let missed = 0;

  function upsert(post, insert) {
    const existing = document.getElementById(`post-${post.id}`);
    const element = fragment(post.html);
    revealControls(element, root);
    if (existing) {
      existing.replaceWith(element);
    } else if (insert && onLastPage) {
      // A live post can overtake a catch-up: keep the list in id order.
      const later = [...list.querySelectorAll("article[data-post-id]")].find(
        (el) => Number(el.dataset.postId) > post.id,
      );
      list.insertBefore(element, later || null);
    } else if (insert) {
      missed += 1;
      notice.hidden = false;
      notice.textContent = label(root, "labelNewPosts", missed);
    }
  }

  const live = connect(root, {
    frame(frame) {
      switch (frame.type) {
        case "post.created":
          upsert(frame.post, true);
          return frame.post.id;
        case "post.edited":
        case "post.hidden":
          upsert(frame.post, false);
          return undefined;
        case "post.removed":
          document.getElementById(`post-${frame.post_id}`)?.remove();
          return undefined;
        case "reaction.changed": {
          const element = document.getElementById(`post-${frame.post_id}`);
          if (!element) return undefined;
          for (const [kind, count] of Object.entries(frame.reactions)) {
            const counter = element.querySelector(`[data-reaction="${kind}"] [data-count]`);
            if (counter) counter.textContent = count;
          }
          return undefined;
        }
        case "topic.changed":
          if (frame.change === "split") {
            (frame.post_ids || []).forEach((id) => document.getElementById(`post-${id}`)?.remove());
          }
          showTopicState(frame.topic);
          return undefined;
        case "presence":
          presence.textContent = presenceText(root, frame.readers);
          presence.hidden = !presence.textContent;
          return undefined;
        case "typing":
          showTyping(frame.name);
          return undefined;
        case "revoked":
          notice.hidden = false;
          notice.textContent = frame.message;
          return undefined;
        default:
          return undefined;
      }
    },
    closed() {
      presence.hidden = true;
    },
    reload(message) {
      askReload(notice, message);
    },
  });
  throttledTyping(document.querySelector("#reply-form textarea"), live);
}

function startRoom(root) {
  const list = document.getElementById("message-list");
  const presence = document.getElementById("live-presence");
  const errorBox = document.getElementById("live-error");
  const showTyping = typingIndicator(root, document.getElementById("live-typing"));
  const form = document.getElementById("room-form");
  const field = form?.querySelector("textarea");

  const live = connect(root, {
    frame(frame) {
      switch (frame.type) {
        case "room.message":
        case "room.message_hidden": {
          const element = fragment(frame.message.html);
          const existing = document.getElementById(`message-${frame.message.id}`);
          if (existing) existing.replaceWith(element);
          else if (frame.type === "room.message") list.append(element);
          element.scrollIntoView({ block: "nearest" });
          return frame.type === "room.message" ? frame.message.id : undefined;
        }
        case "room.message_removed":
          document.getElementById(`message-${frame.message_id}`)?.remove();
          return undefined;
        case "presence":
          presence.textContent = presenceText(root, frame.readers);
          presence.hidden = !presence.textContent;
          return undefined;
        case "typing":
          showTyping(frame.name);
          return undefined;
        case "error":
          errorBox.hidden = false;
          errorBox.textContent = frame.message;
          return undefined;
        case "message.ack":
          errorBox.hidden = true;
          return undefined;
        case "revoked":
          errorBox.hidden = false;
          errorBox.textContent = frame.message;
          return undefined;
        default:
          return undefined;
      }
    },
    closed() {
      presence.hidden = true;
      if (form) form.hidden = true;
    },
    reload(message) {
      askReload(errorBox, message);
    },
  });
  throttledTyping(field, live);
  form?.addEventListener("submit", (event) => {
    if (!field.value.trim()) return;
    if (live.send({ type: "message", body: field.value })) {
      event.preventDefault();
      field.value = "";
    }
  });
}

const topicRoot = document.getElementById("topic-live");
if (topicRoot && "WebSocket" in window && topicRoot.dataset.userId) startTopic(topicRoot);
const roomRoot = document.getElementById("room-live");
if (roomRoot && "WebSocket" in window) startRoom(roomRoot);

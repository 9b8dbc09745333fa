// The approver inbox: lists the tenant's pending approvals (GET /v1/approvals) with their evidence,
// and sends decisions (POST /v1/tasks/{id}/decision). No framework and no build step; every value
// from the API is written as text (textContent), never as HTML.
"use strict";

const STORAGE_KEY = "steward.inbox.credential";
const $ = (id) => document.getElementById(id);

function credential() {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  return stored ? JSON.parse(stored) : null;
}

function authHeaders() {
  const c = credential();
  if (!c) return {};
  return c.kind === "bearer" ? { Authorization: "Bearer " + c.value } : { "X-API-Key": c.value };
}

/** A failed request, with the problem detail's text when the API sent one. */
class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function api(method, path, body) {
  const headers = { Accept: "application/json", ...authHeaders() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, "The Steward API cannot be reached: " + e.message);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const detail = json && json.detail ? json.detail : "HTTP " + response.status;
    throw new ApiError(response.status, detail);
  }
  return json;
}

function showError(message) {
  const el = $("error");
  el.textContent = message;
  el.hidden = !message;
}

function showNotice(message) {
  const el = $("notice");
  el.textContent = message;
  el.hidden = !message;
}

function showSignedIn(signedIn) {
  const c = credential();
  $("session").querySelector("[data-testid=signed-in-as]").textContent =
    c ? "Signed in with " + (c.kind === "bearer" ? "a bearer token" : "an API key") : "";
  $("sign-in").hidden = signedIn;
  $("session").hidden = !signedIn;
  $("inbox").hidden = !signedIn;
}

function formatTime(millis) {
  if (!millis || millis >= Number.MAX_SAFE_INTEGER) return null;
  return new Date(millis).toLocaleString();
}

function formatValue(value) {
  if (value === null || value === undefined) return "–";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function fillList(dl, entries) {
  dl.replaceChildren();
  for (const [key, value] of entries) {
    const dt = document.createElement("dt");
    dt.textContent = key;
    const dd = document.createElement("dd");
    dd.textContent = formatValue(value);
    dl.append(dt, dd);
  }
}

function fillItems(ul, items) {
  ul.replaceChildren();
  for (const text of items) {
    const li = document.createElement("li");
    li.textContent = text;
    ul.append(li);
  }
}

function render(task) {
  const item = $("approval-template").content.firstElementChild.cloneNode(true);
  const pending = task.pendingApproval || {};
  const output = task.output || {};
  const q = (selector) => item.querySelector(selector);
  item.dataset.taskId = task.taskId;

  q(".title").textContent = task.taskId;
  q(".meta").textContent =
    (task.taskType || "task") + " requested by " + (task.requestedBy || "unknown");

  q(".action-kind").textContent = "Action: " + (pending.actionKind || "none named");
  fillList(q(".action"), Object.entries(pending.proposedAction || {}));
  if (pending.amount !== null && pending.amount !== undefined) {
    q(".amount").textContent =
      "Amount " + pending.amount + " (approval needed above " + pending.threshold + ")";
  } else {
    q(".amount").textContent = "No readable amount: this action always needs an approver.";
  }
  fillItems(q(".reasons"), pending.reasons || []);
  const expires = formatTime(pending.expiresAtMillis);
  q(".expiry").textContent = expires ? "Expires " + expires : "Does not expire";
  if (pending.approvalsRequired > 1) {
    const given = (pending.approvals || []).map((a) => a.decidedBy);
    q(".approvals-given").textContent =
      "Approvals: " + given.length + " of " + pending.approvalsRequired +
      (given.length ? " (" + given.join(", ") + ")" : "");
  } else {
    q(".approvals-given").remove();
  }

  // The proposed action above is the whole output; the evidence is the model's own explanation.
  const explanation = ["answer", "rationale"].filter((key) => output[key] !== undefined);
  fillList(q(".output"), explanation.map((key) => [key, output[key]]));
  q(".grounded").textContent = task.grounded
    ? "Grounded in the retrieved passages."
    : "Not grounded: the answer is not supported by retrieved passages.";
  q(".grounded").classList.toggle("ungrounded", !task.grounded);
  const titles = new Map((task.passages || []).map((p) => [p.chunkId, p.title]));
  fillItems(
    q(".citations"),
    (output.citations || []).map((id) => (titles.has(id) ? titles.get(id) + " (" + id + ")" : id)));
  const warnings = task.warnings || [];
  if (warnings.length) {
    fillItems(q(".warnings"), warnings);
  } else {
    q(".warnings-block").remove();
  }
  const calls = (task.usage && task.usage.calls) || [];
  const cost = calls.reduce((sum, call) => sum + (call.costUsd || 0), 0);
  q(".cost").textContent =
    "Model cost so far: $" + cost.toFixed(4) + " over " + calls.length + " call(s)";

  const comment = q(".comment");
  comment.id = "comment-" + task.taskId;
  for (const [selector, verdict, label] of [
    [".approve", "APPROVE", "Approve "],
    [".reject", "REJECT", "Reject "],
  ]) {
    const button = q(selector);
    button.setAttribute("aria-label", label + task.taskId);
    button.addEventListener("click", () => decide(task, verdict, comment.value, item));
  }
  return item;
}

async function decide(task, verdict, comment, item) {
  showError("");
  showNotice("");
  const body = { verdict, comment: comment.trim() || null };
  const hash = task.pendingApproval && task.pendingApproval.actionHash;
  if (hash) body.actionHash = hash;
  const buttons = item.querySelectorAll("button");
  buttons.forEach((b) => (b.disabled = true));
  try {
    const record = await api("POST", "/v1/tasks/" + encodeURIComponent(task.taskId) + "/decision", body);
    const by = record && record.decidedBy ? " by " + record.decidedBy : "";
    showNotice((verdict === "APPROVE" ? "Approved " : "Rejected ") + task.taskId + by + ".");
    await refreshUntilChanged(task);
  } catch (e) {
    buttons.forEach((b) => (b.disabled = false));
    handleError(e);
  }
}

/** The list comes from a read model that follows the workflow a moment later: poll a little. */
async function refreshUntilChanged(task) {
  const before = JSON.stringify(task.pendingApproval);
  for (let i = 0; i < 20; i++) {
    const approvals = await load();
    const same = approvals.find((t) => t.taskId === task.taskId);
    if (!same || JSON.stringify(same.pendingApproval) !== before) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await refresh();
}

async function load() {
  const list = await api("GET", "/v1/approvals");
  return (list && list.approvals) || [];
}

async function refresh() {
  try {
    const approvals = await load();
    showError("");
    // Keep comments being typed across a re-render.
    const typed = new Map();
    document.querySelectorAll("#approvals .approval").forEach((li) => {
      typed.set(li.dataset.taskId, li.querySelector(".comment").value);
    });
    const items = approvals.map((task) => {
      const item = render(task);
      if (typed.has(task.taskId)) item.querySelector(".comment").value = typed.get(task.taskId);
      return item;
    });
    $("approvals").replaceChildren(...items);
    $("summary").textContent =
      approvals.length === 0
        ? "No approvals are waiting."
        : approvals.length + (approvals.length === 1 ? " approval is" : " approvals are") + " waiting.";
  } catch (e) {
    handleError(e);
  }
}

function handleError(e) {
  if (e instanceof ApiError && e.status === 401) {
    signOut();
  }
  showError(e.message);
}

async function signIn(event) {
  event.preventDefault();
  const kind = document.querySelector('input[name="kind"]:checked').value;
  const value = $("credential").value.trim().replace(/^Bearer\s+/i, "");
  if (!value) return;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ kind, value }));
  showNotice("");
  try {
    await load();
  } catch (e) {
    sessionStorage.removeItem(STORAGE_KEY);
    showError(e.message);
    return;
  }
  $("credential").value = "";
  showError("");
  showSignedIn(true);
  await refresh();
}

function signOut() {
  sessionStorage.removeItem(STORAGE_KEY);
  $("approvals").replaceChildren();
  showNotice("");
  showSignedIn(false);
}

document.addEventListener("DOMContentLoaded", () => {
  $("sign-in").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", () => {
    signOut();
    showError("");
  });
  $("refresh").addEventListener("click", () => {
    showNotice("");
    refresh();
  });
  if (credential()) {
    showSignedIn(true);
    refresh();
  } else {
    showSignedIn(false);
  }
});

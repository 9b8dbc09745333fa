// Codec server sign-in: trades an engineer's API key or token for the session cookie that the
// Temporal UI's calls to /codec/decode carry. The credential is sent once and never stored; the
// cookie is HttpOnly, so this page cannot read it either.
"use strict";

const $ = (id) => document.getElementById(id);

function show(id, message) {
  const el = $(id);
  el.textContent = message || "";
  el.hidden = !message;
}

async function send(method) {
  const headers = { Accept: "application/json" };
  if (method === "POST") {
    const value = $("credential").value.trim();
    const kind = document.querySelector("input[name=kind]:checked").value;
    if (kind === "bearer") headers.Authorization = "Bearer " + value;
    else headers["X-API-Key"] = value;
  }
  try {
    return await fetch("session", { method, headers });
  } catch (e) {
    throw new Error("The Steward API cannot be reached: " + e.message);
  }
}

async function detail(response) {
  try {
    const problem = await response.json();
    return problem.detail || "HTTP " + response.status;
  } catch (e) {
    return "HTTP " + response.status;
  }
}

async function signIn(event) {
  event.preventDefault();
  show("error", "");
  show("notice", "");
  try {
    const response = await send("POST");
    if (!response.ok) {
      show("error", await detail(response));
      return;
    }
    const session = await response.json();
    $("credential").value = "";
    show(
      "notice",
      "Signed in as " + session.principal + " (tenant " + session.tenant + ") until " +
        new Date(session.expiresAt).toLocaleString() + ".",
    );
  } catch (e) {
    show("error", e.message);
  }
}

async function signOut() {
  show("error", "");
  try {
    const response = await send("DELETE");
    show("notice", response.ok ? "Signed out." : "");
    if (!response.ok) show("error", await detail(response));
  } catch (e) {
    show("error", e.message);
  }
}

$("endpoint").textContent = location.origin + "/codec";
$("sign-in").addEventListener("submit", signIn);
$("sign-out").addEventListener("click", signOut);

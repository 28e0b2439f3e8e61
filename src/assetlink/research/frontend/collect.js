// Fills a survey in the browser with ODK Web Forms. A finished response goes into an outbox in IndexedDB
// first and is sent from there, so that nothing is lost without a connection; the server takes each
// instance id once, so sending again after a lost answer never makes a duplicate.
import { OdkWebForm, POST_SUBMIT__NEW_INSTANCE, webFormsPlugin } from "@getodk/web-forms";
import { createApp, h } from "vue";

const DATABASE = "assetlink-collect";
const OUTBOX = "outbox";
const CACHE = "assetlink-collect";
const RETRY_EVERY_MS = 30000;

const root = document.getElementById("collect");
const config = root.dataset;
const messages = JSON.parse(document.getElementById("collect-messages").textContent);
const status = document.getElementById("collect-status");
const sendNow = document.getElementById("collect-send");
const sendNowLine = document.getElementById("collect-send-now");

function openOutbox() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(OUTBOX, { keyPath: "instanceId" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inOutbox(mode, work) {
  const database = await openOutbox();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = database.transaction(OUTBOX, mode);
      const result = work(transaction.objectStore(OUTBOX));
      transaction.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

const waiting = () => inOutbox("readonly", (store) => store.getAll());
const keep = (entry) => inOutbox("readwrite", (store) => store.put(entry));
const forget = (instanceId) => inOutbox("readwrite", (store) => store.delete(instanceId));

function say(text) {
  status.textContent = text;
}

async function showWaiting() {
  const entries = (await waiting()).filter((entry) => entry.submitUrl === config.submitUrl);
  const refused = entries.filter((entry) => entry.refused);
  sendNowLine.hidden = entries.length === refused.length;
  if (refused.length) {
    say(messages.refused.replace("%(message)s", refused[0].refused));
  } else if (entries.length) {
    say(messages.waiting.replace("%(count)s", String(entries.length)));
  } else {
    say(navigator.onLine ? messages.ready : messages.offline);
  }
  root.dataset.waiting = String(entries.length - refused.length);
}

function instanceIdOf(xmlText) {
  const document_ = new DOMParser().parseFromString(xmlText, "application/xml");
  const found = [...document_.getElementsByTagNameNS("*", "instanceID")][0];
  return found ? found.textContent.trim() : `uuid:${crypto.randomUUID()}`;
}

async function toOutbox(formData) {
  const parts = [];
  for (const [name, value] of formData.entries()) {
    parts.push({ name, blob: value, fileName: value.name || name });
  }
  const xml = await formData.get("xml_submission_file").text();
  await keep({
    instanceId: instanceIdOf(xml),
    submitUrl: config.submitUrl,
    parts,
    savedAt: new Date().toISOString(),
    refused: "",
  });
}

let flushing = null;

async function send(entry) {
  const body = new FormData();
  for (const part of entry.parts) body.append(part.name, part.blob, part.fileName);
  let response;
  try {
    response = await fetch(entry.submitUrl, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": config.csrf, Accept: "application/json" },
    });
  } catch {
    return false; // No connection: the entry stays for the next try.
  }
  if (response.ok) {
    await forget(entry.instanceId);
    return true;
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
    let reason = response.statusText;
    try {
      reason = (await response.json()).error || reason;
    } catch {
      // The refusal had no message of ours; the status text says enough.
    }
    await keep({ ...entry, refused: reason });
  }
  return false;
}

async function flush() {
  if (flushing) return flushing;
  flushing = (async () => {
    try {
      for (const entry of await waiting()) {
        if (entry.refused || entry.submitUrl !== config.submitUrl) continue;
        if (!(await send(entry))) break;
      }
    } finally {
      flushing = null;
      await showWaiting();
    }
  })();
  return flushing;
}

async function onSubmit(payload, callback) {
  if (payload.status !== "ready") {
    callback({ status: "rejected" });
    return;
  }
  await toOutbox(payload.data[0]);
  callback({ next: POST_SUBMIT__NEW_INSTANCE });
  say(messages.saved);
  await flush();
}

const mediaUrl = (name) => config.mediaUrl.replace("__name__", encodeURIComponent(name));

async function fetchFormAttachment(url) {
  const name = String(url).split("/").pop();
  return fetch(mediaUrl(name), { credentials: "same-origin" });
}

async function keepForOffline(formXml) {
  // The page and what it loads are cached, so that the form opens again without a connection.
  if (!("caches" in window)) return;
  const cache = await caches.open(CACHE);
  const assets = [
    ...[...document.querySelectorAll("link[rel=stylesheet], script[src]")].map((el) => el.href || el.src),
    window.location.href,
    config.formUrl,
  ];
  for (const name of JSON.parse(config.media || "[]")) assets.push(mediaUrl(name));
  await Promise.all(assets.map((asset) => cache.add(asset).catch(() => undefined)));
  return formXml;
}

function labelNumberInputs(container) {
  // A number question's label names the widget around its input, not the input; name the input by it.
  for (const input of container.querySelectorAll(".p-inputnumber[id] input:not([aria-labelledby])")) {
    const widget = input.closest(".p-inputnumber[id]");
    const label = container.querySelector(`label[for="${CSS.escape(widget.id)}"]`);
    if (!label) continue;
    label.id ||= `${widget.id}-label`;
    input.setAttribute("aria-labelledby", label.id);
  }
}

async function start() {
  if ("serviceWorker" in navigator && config.worker) {
    navigator.serviceWorker.register(config.worker, { scope: config.scope }).catch(() => undefined);
  }
  const response = await fetch(config.formUrl, { credentials: "same-origin" });
  const formXml = await response.text();
  const app = createApp({
    render: () =>
      h(OdkWebForm, {
        formXml,
        fetchFormAttachment,
        onSubmit,
      }),
  });
  app.use(webFormsPlugin);
  const container = document.getElementById("collect-form");
  app.mount(container);
  new MutationObserver(() => labelNumberInputs(container)).observe(container, { childList: true, subtree: true });
  await keepForOffline(formXml);
  window.addEventListener("online", flush);
  window.addEventListener("offline", showWaiting);
  sendNow.addEventListener("click", flush);
  setInterval(() => navigator.onLine && flush(), RETRY_EVERY_MS);
  await flush();
  document.documentElement.dataset.collectReady = "true";
}

start().catch((error) => {
  say(messages.failed);
  console.error(error);
});

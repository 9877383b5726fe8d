/*
 * Leadflow's Cockpit plugin (Camunda 7 frontend plugin API): a "Messages" tab on the process-instance
 * view with the lead's WhatsApp messages, and a dashboard entry with today's sends. Data comes from the
 * plugin's own read-only API under Cockpit's API root, with the Cockpit user's session.
 * Plain DOM, no build step; text is always set with textContent.
 */

const PLUGIN_ID = "leadflow";

function pluginUrl(api, path) {
  return `${api.cockpitApi}/plugin/${PLUGIN_ID}/${encodeURIComponent(api.engine)}/${path}`;
}

async function getJson(api, path) {
  const response = await fetch(pluginUrl(api, path), {
    credentials: "same-origin",
    headers: { Accept: "application/json", "X-XSRF-TOKEN": api.CSRFToken }
  });
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  return response.json();
}

function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== undefined && value !== null) {
      element.setAttribute(name, value);
    }
  });
  children.flat().forEach(child => {
    if (child === undefined || child === null) {
      return;
    }
    element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  });
  return element;
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

function statusTrail(message) {
  return (message.statuses || [])
    .map(status => `${status.status.toLowerCase()} ${time(status.at)}`)
    .join(" → ");
}

function errorText(message) {
  if (message.errorCode === undefined && !message.error) {
    return "";
  }
  return message.errorCode !== undefined ? `(${message.errorCode}) ${message.error || ""}` : message.error;
}

function messagesTable(data) {
  if (!data.messages.length) {
    return el("p", { "data-leadflow-empty": "" }, `No messages for lead ${data.leadId || "(no business key)"} yet.`);
  }
  const header = ["Requested", "Flow", "Step", "Template", "Status", "Since", "Error", "Requests", "Status history"];
  return el("table", { class: "cam-table leadflow-messages" },
    el("thead", {}, el("tr", {}, header.map(title => el("th", {}, title)))),
    el("tbody", {}, data.messages.map(message =>
      el("tr", {
          "data-status": message.status,
          "data-template": message.template,
          class: message.ofThisFlow ? "leadflow-this-flow" : "leadflow-other-flow"
        },
        el("td", {}, time(message.at)),
        el("td", {}, message.flow),
        el("td", {}, message.step),
        el("td", {}, `${message.template} (${message.language}, ${message.category})`),
        el("td", { class: "leadflow-status" }, message.status),
        el("td", {}, time(message.statusAt)),
        el("td", { class: "leadflow-error" }, errorText(message)),
        el("td", {}, message.requests),
        el("td", {}, statusTrail(message))))));
}

function renderFailure(container, error) {
  container.replaceChildren(el("p", { class: "text-danger", "data-leadflow-error": "" },
    `Leadflow could not load its data: ${error.message}`));
}

const messagesTab = {
  id: "leadflow.messages",
  pluginPoint: "cockpit.processInstance.runtime.tab",
  priority: 5,
  properties: { label: "Messages" },
  render: (node, { api, processInstanceId }) => {
    const container = el("div", { "data-leadflow": "messages" }, "Loading messages…");
    node.replaceChildren(container);
    getJson(api, `process-instance/${encodeURIComponent(processInstanceId)}/messages`)
      .then(data => container.replaceChildren(
        el("p", { class: "leadflow-lead" }, `Lead ${data.leadId || "?"}: every message of its flows, oldest first.`),
        messagesTable(data)))
      .catch(error => renderFailure(container, error));
  }
};

const sendsToday = {
  id: "leadflow.sends-today",
  pluginPoint: "cockpit.dashboard",
  priority: 5,
  render: (node, { api }) => {
    const container = el("section", { "data-leadflow": "sends-today", class: "leadflow-today" },
      el("h3", {}, "WhatsApp messages today"), "Loading…");
    node.replaceChildren(container);
    getJson(api, "sends/today")
      .then(today => container.replaceChildren(
        el("h3", {}, `WhatsApp messages today (${today.day}, ${today.timeZone})`),
        el("p", { class: "leadflow-totals" },
          el("span", { "data-count": "sent" }, `${today.sent} sent`), " · ",
          el("span", { "data-count": "failed" }, `${today.failed} failed`), " · ",
          el("span", { "data-count": "refused" }, `${today.refused} refused by the API`), " · ",
          el("span", { "data-count": "unsettled" }, `${today.unsettled} awaiting a status`)),
        today.templates.length ? el("table", { class: "cam-table" },
          el("thead", {}, el("tr", {}, ["Template", "Sent", "Failed", "Refused", "Awaiting a status"]
            .map(title => el("th", {}, title)))),
          el("tbody", {}, today.templates.map(row => el("tr", { "data-template": row.template },
            el("td", {}, row.template), el("td", {}, row.sent), el("td", {}, row.failed),
            el("td", {}, row.refused), el("td", {}, row.unsettled))))) : null))
      .catch(error => renderFailure(container, error));
  }
};

export default [messagesTab, sendsToday];

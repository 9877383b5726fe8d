/*
 * Leadflow's Cockpit plugin (Camunda 7 frontend plugin API): a "Messages" tab on the process-instance
 * view with the lead's WhatsApp messages (and a re-send for failed ones), a dashboard entry with today's
 * sends, and the "Leadflow" page (#/leadflow): the flows' outcomes in charts (Apache ECharts, SVG), the
 * stuck leads and the operator's interventions. Data comes from the plugin's own API under Cockpit's API
 * root, with the Cockpit user's session and Cockpit's CSRF token.
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

async function postJson(api, path, body) {
  const response = await fetch(pluginUrl(api, path), {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json", "Content-Type": "application/json", "X-XSRF-TOKEN": api.CSRFToken },
    body: JSON.stringify(body || {})
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(answer.detail || `${response.status} ${response.statusText}`);
  }
  return answer;
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
  const header = ["Requested", "Flow", "Step", "Template", "Status", "Since", "Error", "Requests", "Status history", ""];
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
        el("td", {}, statusTrail(message)),
        el("td", {}, data.resend && (message.status === "FAILED" || message.status === "REJECTED")
          ? data.resend(message) : null)))));
}

function receivedTable(data) {
  const received = data.received || [];
  if (!received.length) {
    return el("p", { "data-leadflow-empty": "received" }, "Nothing received from this lead yet.");
  }
  const header = ["Received", "Kind", "What the lead sent", "Reply", "Media id", "Business number"];
  return el("table", { class: "cam-table leadflow-received" },
    el("thead", {}, el("tr", {}, header.map(title => el("th", {}, title)))),
    el("tbody", {}, received.map(message =>
      el("tr", { "data-kind": message.kind },
        el("td", {}, time(message.at)),
        el("td", {}, message.kind.toLowerCase().replace(/_/g, " ")),
        el("td", { class: "leadflow-summary" }, message.summary),
        el("td", {}, message.countedAsReply ? "yes" : "no"),
        el("td", {}, message.mediaId || ""),
        el("td", {}, message.channelId || "")))));
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
    const result = el("p", { "data-leadflow": "ops-result" });
    const reasonField = el("input", { class: "form-control input-sm", "data-leadflow": "reason", size: 60,
      placeholder: "why a failed message is sent again (recorded as an operator override)" });
    const load = () => getJson(api, `process-instance/${encodeURIComponent(processInstanceId)}/messages`)
      .then(data => {
        data.resend = message => actionButton("Re-send", "leadflow-resend", result,
          () => postJson(api, `messages/${message.id}/resend`, { reason: reasonField.value }), load);
        container.replaceChildren(
          el("p", { class: "leadflow-lead" }, `Lead ${data.leadId || "?"}: every message of its flows, oldest first.`),
          el("div", { class: "form-inline" }, el("label", {}, "Reason for a re-send: "), " ", reasonField),
          result, messagesTable(data),
          el("h4", {}, "Received from the lead"), receivedTable(data));
      })
      .catch(error => renderFailure(container, error));
    load();
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

/** A button that runs an intervention, shows its answer (or refusal) in {@code result}, then reloads. */
function actionButton(label, css, result, run, reload) {
  const button = el("button", { type: "button", class: `btn btn-default btn-xs ${css}` }, label);
  button.addEventListener("click", () => {
    const pending = run();
    if (!pending) {
      return;
    }
    pending
      .then(answer => {
        result.className = "text-success";
        result.textContent = `${answer.operator}: ${answer.result}`;
        reload();
      })
      .catch(error => {
        result.className = "text-danger";
        result.textContent = `Not done: ${error.message}`;
      });
  });
  return button;
}

/* ---------- the Leadflow page: outcomes in charts, stuck leads, interventions ---------- */

const STAGES = [["sent", "Sent"], ["delivered", "Delivered"], ["read", "Read"], ["replied", "Replied"],
  ["meetingBooked", "Meeting booked"], ["dealWon", "Deal won"]];

let echartsModule;

function loadCharts(api) {
  if (!echartsModule) {
    const root = api.cockpitApi.split("/camunda/api")[0];
    echartsModule = import(`${root}/webjars/echarts/5.3.1/dist/echarts.esm.min.js`);
  }
  return echartsModule;
}

/** A chart in a sized box; the box tells tests how many data points it was given. */
function chart(echarts, name, title, option, points) {
  const box = el("div", { class: "leadflow-chart", "data-leadflow-chart": name, "data-points": points,
    style: "width: 560px; height: 320px; display: inline-block; margin: 0 16px 16px 0;" });
  const holder = el("div", { class: "leadflow-chart-card", style: "display: inline-block; vertical-align: top;" },
    el("h4", {}, title), box);
  requestAnimationFrame(() => {
    const instance = echarts.init(box, null, { renderer: "svg" });
    instance.setOption(Object.assign({ animation: false, tooltip: { trigger: "axis" } }, option));
  });
  return holder;
}

function funnelChart(echarts, data) {
  const series = data.flows.map(flow => ({ name: flow.name, type: "bar", data: STAGES.map(([key]) => flow[key]) }));
  return chart(echarts, "funnel", "Funnel per flow (this period)", {
    legend: { top: 0 }, grid: { top: 40, left: 50, right: 10, bottom: 30 },
    xAxis: { type: "category", data: STAGES.map(([, label]) => label) }, yAxis: { type: "value" }, series
  }, series.reduce((n, s) => n + s.data.length, 0));
}

function templatesChart(echarts, data) {
  const templates = data.templates;
  return chart(echarts, "templates", "Templates: reply and meeting rate (of sent)", {
    legend: { top: 0 }, grid: { top: 40, left: 50, right: 10, bottom: 80 },
    xAxis: { type: "category", data: templates.map(t => t.name), axisLabel: { rotate: 30 } },
    yAxis: { type: "value", axisLabel: { formatter: v => `${Math.round(v * 100)}%` } },
    series: [
      { name: "Reply rate", type: "bar", data: templates.map(t => t.replyRate) },
      { name: "Meeting rate", type: "bar", data: templates.map(t => t.meetingRate) },
      { name: "Deal rate", type: "bar", data: templates.map(t => t.dealRate) }]
  }, templates.length * 3);
}

function weeklyChart(echarts, data) {
  const weeks = data.weeks;
  const sum = (week, key) => data.funnel.filter(row => row.week === week).reduce((n, row) => n + row[key], 0);
  const series = [["sent", "Sent"], ["replied", "Replied"], ["meetingBooked", "Meeting booked"], ["failed", "Failed"]]
    .map(([key, label]) => ({ name: label, type: "line", data: weeks.map(week => sum(week, key)) }));
  return chart(echarts, "weekly", "By week", {
    legend: { top: 0 }, grid: { top: 40, left: 50, right: 10, bottom: 30 },
    xAxis: { type: "category", data: weeks }, yAxis: { type: "value" }, series
  }, series.length * weeks.length);
}

function failuresChart(echarts, data) {
  const codes = {};
  data.failures.forEach(f => { codes[f.errorCode ?? "none"] = (codes[f.errorCode ?? "none"] || 0) + f.messages; });
  const entries = Object.entries(codes);
  return chart(echarts, "failures", "Failures by error code", {
    grid: { top: 20, left: 50, right: 10, bottom: 30 },
    xAxis: { type: "category", data: entries.map(([code]) => code) }, yAxis: { type: "value" },
    series: [{ name: "Messages", type: "bar", data: entries.map(([, n]) => n) }]
  }, entries.length);
}

function waitingChart(echarts, data) {
  const steps = data.waiting.slice(0, 15).reverse();
  return chart(echarts, "waiting", "Leads waiting at each step", {
    grid: { top: 20, left: 220, right: 10, bottom: 30 },
    yAxis: { type: "category", data: steps.map(s => `${s.flow}: ${s.step}`) }, xAxis: { type: "value" },
    series: [{ name: "Leads", type: "bar", data: steps.map(s => s.leads) },
      { name: "Incidents", type: "bar", data: steps.map(s => s.incidents) }]
  }, steps.length * 2);
}

function outcomesTable(title, rows) {
  return el("div", {},
    el("h4", {}, title),
    el("table", { class: "cam-table leadflow-outcomes" },
      el("thead", {}, el("tr", {}, ["", ...STAGES.map(([, label]) => label), "Failed", "Reply rate", "Meeting rate",
        "Minutes to first reply"].map(t => el("th", {}, t)))),
      el("tbody", {}, rows.map(row => el("tr", { "data-name": row.name },
        el("td", {}, row.name), STAGES.map(([key]) => el("td", {}, row[key])), el("td", {}, row.failed),
        el("td", {}, `${Math.round(row.replyRate * 1000) / 10}%`),
        el("td", {}, `${Math.round(row.meetingRate * 1000) / 10}%`),
        el("td", {}, row.minutesToFirstReply ?? ""))))));
}

function stuckLeadsSection(api, report, result, reload) {
  const reasonField = el("input", { class: "form-control input-sm", "data-leadflow": "reason", size: 60,
    placeholder: "why (recorded with the intervention)" });
  const post = path => () => postJson(api, path, { reason: reasonField.value });
  const rows = [];
  report.leads.forEach(lead => lead.reasons.forEach((why, index) => {
    const flowPath = `leads/${encodeURIComponent(lead.leadId)}/flows/${encodeURIComponent(why.instanceId)}`;
    rows.push(el("tr", { "data-lead": lead.leadId, "data-why": why.why },
      el("td", {}, index === 0 ? lead.leadId : ""),
      el("td", {}, why.why), el("td", {}, why.flow),
      el("td", {}, el("a", { href: `#/process-instance/${why.instanceId}/runtime` }, why.step || why.stepId || "")),
      el("td", {}, time(why.since)), el("td", {}, why.detail),
      el("td", { class: "leadflow-actions" },
        actionButton("Skip", "leadflow-skip", result, post(`${flowPath}/skip`), reload),
        " ", actionButton("Send now", "leadflow-send-now", result, post(`${flowPath}/send-now`), reload),
        " ", actionButton("Cancel flow", "leadflow-cancel", result, post(`${flowPath}/cancel`), reload),
        " ", why.why === "PAUSED"
          ? actionButton("Resume lead", "leadflow-resume", result,
            post(`leads/${encodeURIComponent(lead.leadId)}/resume`), reload)
          : actionButton("Pause lead", "leadflow-pause", result,
            post(`leads/${encodeURIComponent(lead.leadId)}/pause`), reload))));
  }));
  const held = report.held.map(hold => el("li", { "data-held": hold.id },
    `${hold.type.toLowerCase()} ${hold.id}: ${hold.reason} (since ${time(hold.since)}) `,
    actionButton("Resume", "leadflow-resume-hold", result,
      post(`${hold.type === "CHANNEL" ? "channels" : "templates"}/${encodeURIComponent(hold.id)}/resume`), reload)));
  const kind = el("select", { class: "form-control input-sm", "data-leadflow": "hold-kind" },
    el("option", { value: "templates" }, "template"), el("option", { value: "channels" }, "channel (phone-number id)"));
  const subject = el("input", { class: "form-control input-sm", "data-leadflow": "hold-subject",
    placeholder: "template name or phone-number id" });
  const pause = actionButton("Pause", "leadflow-pause-hold", result, () => subject.value
    ? postJson(api, `${kind.value}/${encodeURIComponent(subject.value.trim())}/pause`, { reason: reasonField.value })
    : null, reload);
  return el("section", { "data-leadflow": "stuck-leads" },
    el("h3", {}, `Stuck leads (${report.leads.length})`),
    el("p", {}, `Leads with an incident, a task for ops, a paused flow or a wait longer than ${report.waitingLongerThan}. `
      + "Open a step to see the flow in Cockpit; the lead's timeline (GET /api/leads/{id}/timeline) tells why."),
    el("div", { class: "form-inline" }, el("label", {}, "Reason: "), " ", reasonField),
    rows.length ? el("table", { class: "cam-table" },
      el("thead", {}, el("tr", {}, ["Lead", "Why", "Flow", "Step", "Since", "Detail", ""].map(t => el("th", {}, t)))),
      el("tbody", {}, rows)) : el("p", {}, "No stuck lead."),
    el("h4", {}, "Held channels and templates"),
    held.length ? el("ul", {}, held) : el("p", {}, "Nothing is held."),
    el("div", { class: "form-inline" }, kind, " ", subject, " ", pause));
}

/** Renders the page; {@code result} keeps the last intervention's answer across the reload it causes. */
function renderOps(container, api, weeks, result) {
  const reload = () => renderOps(container, api, weeks, result);
  const csv = table => el("a", { href: pluginUrl(api, `dashboard/${table}.csv?weeks=${weeks}`),
    "data-leadflow-csv": table, download: `leadflow-${table}.csv` }, `${table}.csv`);
  Promise.all([loadCharts(api), getJson(api, `dashboard?weeks=${weeks}`), getJson(api, "stuck-leads")])
    .then(([echarts, data, stuck]) => container.replaceChildren(
      el("h2", {}, `Leadflow: the last ${weeks} weeks (${data.timeZone}, replies and CRM outcomes within `
        + `${data.attributionDays} days of a message)`),
      el("p", {}, "Export: ", csv("funnel"), " · ", csv("failures")),
      result,
      el("div", { class: "leadflow-charts" }, funnelChart(echarts, data), templatesChart(echarts, data),
        weeklyChart(echarts, data), failuresChart(echarts, data), waitingChart(echarts, data)),
      outcomesTable("Per flow", data.flows),
      outcomesTable("Per template (best converting first)", data.templates),
      el("p", { "data-leadflow": "open-work" },
        `Open incidents: ${data.open.incidents} · open tasks: ${data.open.tasks}`),
      stuckLeadsSection(api, stuck, result, reload)))
    .catch(error => renderFailure(container, error));
}

const opsPage = {
  id: "leadflow.ops",
  pluginPoint: "cockpit.route",
  properties: { path: "/leadflow", label: "Leadflow" },
  render: (node, { api }) => {
    const container = el("div", { "data-leadflow": "ops", class: "leadflow-ops", style: "padding: 16px;" }, "Loading…");
    node.replaceChildren(container);
    renderOps(container, api, 12, el("p", { "data-leadflow": "ops-result" }));
  }
};

const opsNavigation = {
  id: "leadflow.ops.navigation",
  pluginPoint: "cockpit.navigation",
  priority: 5,
  properties: { pagePath: "#/leadflow", checkActive: path => path.indexOf("#/leadflow") > -1 },
  render: node => {
    node.textContent = "Leadflow";
  }
};

export default [messagesTab, sendsToday, opsPage, opsNavigation];

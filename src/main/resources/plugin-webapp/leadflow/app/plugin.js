/*
 * Leadflow's Cockpit plugin (Camunda 7 frontend plugin API): a "Messages" tab on the process-instance
 * view with the lead's WhatsApp messages (and a re-send for failed ones), a "Lead timeline" button on that
 * view, a dashboard entry with today's sends, the "Leadflow" page (#/leadflow): the flows' outcomes in charts
 * (Apache ECharts, SVG), the stuck leads and the operator's interventions, the template experiments, and a lead's timeline
 * (#/leadflow/timeline?lead=<id>): its story in words, in the lead's own time zone.
 * Data comes from the plugin's own API under Cockpit's API root, with the Cockpit user's session and
 * Cockpit's CSRF token. Plain DOM, no build step; text is always set with textContent.
 */

const PLUGIN_ID = "leadflow";

/** The one meaning of "failed" on every page: shown wherever a failed count is. */
const FAILED_MEANS = "Failed: the message did not reach the lead: Meta reported it failed, or the Cloud API refused "
  + "it. A re-send of the same step counts once, as the message it repeats.";

function pluginUrl(api, path) {
  return `${api.cockpitApi}/plugin/${PLUGIN_ID}/${encodeURIComponent(api.engine)}/${path}`;
}

async function getJson(api, path) {
  const response = await fetch(pluginUrl(api, path), {
    credentials: "same-origin",
    headers: { Accept: "application/json", "X-XSRF-TOKEN": api.CSRFToken }
  });
  if (!response.ok) {
    const answer = await response.json().catch(() => ({}));
    throw new Error(answer.detail || `${response.status} ${response.statusText}`);
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
    throw new Error(answer.detail || answer.message || `${response.status} ${response.statusText}`.trim());
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

/**
 * The one date format of every page: "2026-12-05 14:30" in the given IANA zone (the browser's when none),
 * the zone named once per page or table, as Cockpit's footer names the browser's.
 */
function time(iso, timeZone) {
  if (!iso) {
    return "";
  }
  const parts = {};
  new Intl.DateTimeFormat("en-CA", {
    timeZone: timeZone || undefined, year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  }).formatToParts(new Date(iso)).forEach(part => { parts[part.type] = part.value; });
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "P7D" as "7 days", "PT12H" as "12 hours": durations as a person says them. */
function duration(iso) {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso || "");
  if (!match) {
    return iso || "";
  }
  const hours = Number(match[1] || 0) * 24 + Number(match[2] || 0);
  const words = [];
  if (hours && hours % 24 === 0) {
    words.push(`${hours / 24} day${hours === 24 ? "" : "s"}`);
  } else if (hours) {
    words.push(`${hours} hour${hours === 1 ? "" : "s"}`);
  }
  if (match[3]) {
    words.push(`${Number(match[3])} minutes`);
  }
  return words.join(" ") || "0 minutes";
}

function timelineHref(leadId) {
  return `#/leadflow/timeline?lead=${encodeURIComponent(leadId)}`;
}

function timelineLink(leadId, text) {
  return el("a", { href: timelineHref(leadId), "data-leadflow-timeline-link": leadId }, text || "timeline");
}

function leadLabel(leadId, name) {
  return name ? `${name} (${leadId})` : leadId;
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
        el("td", { title: message.step }, message.stepName || message.step),
        el("td", {}, `${message.template} (${message.language}, ${message.category})`),
        el("td", { class: "leadflow-status" }, message.status),
        el("td", {}, time(message.statusAt)),
        el("td", { class: "leadflow-error" }, errorText(message)),
        el("td", {}, message.requests),
        el("td", {}, statusTrail(message)),
        el("td", { class: "leadflow-row-action" }, data.resend && (message.status === "FAILED" || message.status === "REJECTED")
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
    const reasonField = el("input", { class: "form-control input-sm", "data-leadflow": "reason", size: 60,
      placeholder: "why a failed message is sent again (recorded as an operator override)" });
    const load = () => getJson(api, `process-instance/${encodeURIComponent(processInstanceId)}/messages`)
      .then(data => {
        data.resend = message => actionCell([{ label: "Re-send", css: "leadflow-resend",
          run: () => postJson(api, `messages/${message.id}/resend`, { reason: reasonField.value }) }]);
        container.replaceChildren(
          el("p", { class: "leadflow-lead" },
            `${data.leadId ? leadLabel(data.leadId, data.leadName) : "No lead"}: every message of its flows, oldest first `
            + `(times in ${browserZone()}). `, data.leadId ? timelineLink(data.leadId, "Open the lead's timeline") : null),
          el("div", { class: "form-inline" }, el("label", {}, "Reason for a re-send: "), " ", reasonField),
          messagesTable(data),
          el("h4", {}, "Received from the lead"), receivedTable(data));
      })
      .catch(error => renderFailure(container, error));
    load();
  }
};

/** A button on the instance view that opens the lead's timeline. */
const instanceTimelineAction = {
  id: "leadflow.instance.timeline",
  pluginPoint: "cockpit.processInstance.runtime.action",
  priority: 5,
  render: (node, { api, processInstanceId }) => {
    node.replaceChildren();
    getJson(api, `process-instance/${encodeURIComponent(processInstanceId)}/messages`)
      .then(data => {
        if (data.leadId) {
          node.replaceChildren(el("a", { class: "btn btn-default action-button", href: timelineHref(data.leadId),
            title: `Lead timeline: the story of ${leadLabel(data.leadId, data.leadName)}`,
            "aria-label": "Lead timeline", "data-leadflow": "instance-timeline" },
          el("span", { class: "glyphicon glyphicon-time" })));
        }
      })
      .catch(() => node.replaceChildren());
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
          el("span", { "data-count": "failed", title: FAILED_MEANS },
            `${today.failed + today.refused} failed (${today.failed} reported by Meta, ${today.refused} refused by the API)`),
          " · ", el("span", { "data-count": "unsettled" }, `${today.unsettled} awaiting a status`), " · ",
          el("a", { href: "#/leadflow" }, "Leadflow page")),
        el("p", { class: "leadflow-definition", "data-leadflow": "failed-means" }, FAILED_MEANS),
        today.templates.length ? el("table", { class: "cam-table" },
          el("thead", {}, el("tr", {}, ["Template", "Sent", "Failed", "Awaiting a status"]
            .map(title => el("th", {}, title)))),
          el("tbody", {}, today.templates.map(row => el("tr", { "data-template": row.template },
            el("td", {}, row.template), el("td", {}, row.sent), el("td", {}, row.failed + row.refused),
            el("td", {}, row.unsettled))))) : null))
      .catch(error => renderFailure(container, error));
  }
};

/**
 * The actions of one row, each answered beside its buttons. A button is disabled while its request runs, so
 * a double click asks once; once an action is done the row's buttons give way to what was done, since the
 * row no longer shows the flow as it is. Actions with {@code confirm} ask first.
 */
function actionCell(actions) {
  const result = el("span", { class: "leadflow-action-result", "data-leadflow": "row-result", role: "status" });
  const cell = el("span", { class: "leadflow-actions" });
  const buttons = actions.map(action => {
    const button = el("button", { type: "button", class: `btn btn-default btn-xs ${action.css}`,
      title: action.title }, action.label);
    button.addEventListener("click", () => {
      if (button.disabled) {
        return;
      }
      if (action.confirm && !window.confirm(action.confirm)) {
        result.className = "leadflow-action-result text-muted";
        result.textContent = "Not done: you kept it.";
        return;
      }
      const pending = action.run();
      if (!pending) {
        return;
      }
      buttons.forEach(b => { b.disabled = true; });
      result.className = "leadflow-action-result text-muted";
      result.textContent = "Working…";
      pending
        .then(answer => {
          result.className = "leadflow-action-result text-success";
          result.textContent = `Done: ${answer.operator} ${answer.result}`;
          result.setAttribute("data-done", action.css);
          buttons.forEach(b => b.remove());
        })
        .catch(error => {
          buttons.forEach(b => { b.disabled = false; });
          result.className = "leadflow-action-result text-danger";
          result.textContent = `Not done: ${error.message}`;
        });
    });
    return button;
  });
  buttons.forEach((button, index) => cell.append(index ? " " : "", button));
  cell.append(" ", result);
  return cell;
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

/** Counts are whole: an axis of counts never shows 0.2. */
const COUNT_AXIS = { type: "value", minInterval: 1 };

/** Every label shown; long ones wrap inside their width (names without spaces anywhere); the tooltip shows them whole. */
function labels(width, overflow) {
  return { interval: 0, width, overflow: overflow || "break", lineHeight: 14, hideOverlap: false };
}

/** A chart in a sized box; the box tells tests how many data points it was given. */
function chart(echarts, name, title, option, points, height) {
  const box = el("div", { class: "leadflow-chart", "data-leadflow-chart": name, "data-points": points,
    style: `width: 600px; height: ${height || 340}px;` });
  const holder = el("div", { class: "leadflow-chart-card" }, el("h4", {}, title), box);
  requestAnimationFrame(() => {
    const instance = echarts.init(box, null, { renderer: "svg" });
    instance.setOption(Object.assign({ animation: false, tooltip: { trigger: "axis", confine: true },
      legend: { bottom: 0, type: "scroll" } }, option));
  });
  return holder;
}

function funnelChart(echarts, data) {
  const series = data.flows.map(flow => ({ name: flow.name, type: "bar", data: STAGES.map(([key]) => flow[key]) }));
  return chart(echarts, "funnel", "Funnel per flow (this period)", {
    grid: { top: 16, left: 16, right: 16, bottom: 64, containLabel: true },
    xAxis: { type: "category", data: STAGES.map(([, label]) => label), axisLabel: labels(80) }, yAxis: COUNT_AXIS,
    series
  }, series.reduce((n, s) => n + s.data.length, 0));
}

function templatesChart(echarts, data) {
  const templates = data.templates;
  return chart(echarts, "templates", "Templates: reply, meeting and deal rate (of messages sent)", {
    grid: { top: 16, left: 16, right: 16, bottom: 40, containLabel: true },
    tooltip: { trigger: "axis", confine: true, valueFormatter: v => `${Math.round(v * 1000) / 10}%` },
    xAxis: { type: "category", data: templates.map(t => t.name), axisLabel: labels(110, "breakAll") },
    yAxis: { type: "value", max: v => Math.max(0.1, Math.ceil(v.max * 10) / 10),
      axisLabel: { formatter: v => `${Math.round(v * 100)}%` } },
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
  return chart(echarts, "weekly", `By week (weeks start on Monday, ${data.timeZone})`, {
    grid: { top: 16, left: 16, right: 24, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: weeks, axisLabel: { formatter: week => week.substring(5) } }, yAxis: COUNT_AXIS,
    series
  }, series.length * weeks.length);
}

function failuresChart(echarts, data) {
  const codes = {};
  data.failures.forEach(f => { codes[f.errorCode ?? "none"] = (codes[f.errorCode ?? "none"] || 0) + f.messages; });
  const entries = Object.entries(codes);
  return chart(echarts, "failures", "Failed messages by Meta's error code", {
    grid: { top: 16, left: 16, right: 16, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: entries.map(([code]) => code), axisLabel: labels(60) }, yAxis: COUNT_AXIS,
    series: [{ name: "Failed messages", type: "bar", data: entries.map(([, n]) => n) }]
  }, entries.length);
}

function waitingChart(echarts, data) {
  const steps = data.waiting.slice(0, 15).reverse();
  return chart(echarts, "waiting", "Leads at each step now (top 15)", {
    grid: { top: 16, left: 16, right: 24, bottom: 40, containLabel: true },
    yAxis: { type: "category", data: steps.map(s => `${s.step}\n${s.flow}`),
      axisLabel: labels(230) },
    xAxis: COUNT_AXIS,
    series: [{ name: "Leads", type: "bar", data: steps.map(s => s.leads) },
      { name: "Incidents", type: "bar", data: steps.map(s => s.incidents) }]
  }, steps.length * 2, Math.max(340, 60 + steps.length * 34));
}

function outcomesTable(title, name, rows) {
  return el("div", {},
    el("h4", {}, title),
    el("table", { class: "cam-table leadflow-outcomes", "data-leadflow-table": name },
      el("thead", {}, el("tr", {}, ["", ...STAGES.map(([, label]) => label), "Failed", "Reply rate", "Meeting rate",
        "Minutes to first reply"].map(t => el("th", t === "Failed" ? { title: FAILED_MEANS } : {}, t)))),
      el("tbody", {}, rows.map(row => el("tr", { "data-name": row.name },
        el("td", {}, row.name), STAGES.map(([key]) => el("td", {}, row[key])), el("td", {}, row.failed),
        el("td", {}, `${Math.round(row.replyRate * 1000) / 10}%`),
        el("td", {}, `${Math.round(row.meetingRate * 1000) / 10}%`),
        el("td", {}, row.minutesToFirstReply ?? ""))))));
}

const WHY = {
  INCIDENT: "Step failed (incident)",
  TASK: "Waits for ops in Tasklist",
  PAUSED: "Paused by an operator",
  WAITING_LONG: "Waiting long"
};

/** The actions that apply to a stuck flow, by why it is stuck. */
function rowActions(api, lead, why, reasonField) {
  const post = path => () => postJson(api, path, { reason: reasonField.value });
  const flowPath = `leads/${encodeURIComponent(lead.leadId)}/flows/${encodeURIComponent(why.instanceId)}`;
  const leadPath = `leads/${encodeURIComponent(lead.leadId)}`;
  const who = leadLabel(lead.leadId, lead.name);
  const step = why.step || why.stepId || "its step";
  const actions = [];
  if (why.why === "INCIDENT") {
    actions.push({ label: "Retry now", css: "leadflow-send-now", run: post(`${flowPath}/send-now`),
      title: `Try "${step}" once more now` });
  } else if (why.why === "WAITING_LONG") {
    actions.push({ label: "Send now", css: "leadflow-send-now", run: post(`${flowPath}/send-now`),
      title: `End the wait at "${step}" now` });
  }
  if (why.why === "WAITING_LONG" || why.why === "INCIDENT") {
    actions.push({ label: "Skip step", css: "leadflow-skip", run: post(`${flowPath}/skip`),
      title: `Go past "${step}" without it` });
  }
  if (why.why === "PAUSED") {
    actions.push({ label: "Resume lead", css: "leadflow-resume", run: post(`${leadPath}/resume`) });
  } else {
    actions.push({ label: "Pause lead", css: "leadflow-pause", run: post(`${leadPath}/pause`) });
  }
  actions.push({ label: "Cancel flow", css: "leadflow-cancel", run: post(`${flowPath}/cancel`),
    confirm: `Cancel the ${why.flowName || why.flow} flow of ${who}? It stops for good: no more of its messages.` });
  return actionCell(actions);
}

const THRESHOLDS = [["PT12H", "12 hours"], ["P1D", "1 day"], ["P3D", "3 days"], ["P7D", "7 days"], ["P30D", "30 days"]];

/** The stuck leads; {@code showWaitingLongerThan} shows the page again with another threshold for "waiting long". */
function stuckLeadsSection(api, report, threshold, showWaitingLongerThan) {
  const thresholdField = el("select", { class: "form-control input-sm", "data-leadflow": "waiting-longer-than" },
    THRESHOLDS.map(([value, words]) => el("option", value === threshold ? { value, selected: "" } : { value }, words)));
  thresholdField.addEventListener("change", () => showWaitingLongerThan(thresholdField.value));
  const reasonField = el("input", { class: "form-control input-sm", "data-leadflow": "reason", size: 60,
    placeholder: "why (recorded with the intervention)" });
  const rows = [];
  report.leads.forEach(lead => lead.reasons.forEach((why, index) => {
    rows.push(el("tr", { "data-lead": lead.leadId, "data-why": why.why, "data-instance": why.instanceId },
      el("td", {}, index === 0 ? timelineLink(lead.leadId, leadLabel(lead.leadId, lead.name)) : ""),
      el("td", {}, WHY[why.why] || why.why), el("td", {}, why.flowName || why.flow),
      el("td", {}, el("a", { href: `#/process-instance/${why.instanceId}/runtime`, title: why.stepId || "" },
        why.step || why.stepId || "(the flow)")),
      el("td", {}, time(why.since)), el("td", { class: "leadflow-detail" }, why.detail),
      el("td", {}, rowActions(api, lead, why, reasonField))));
  }));
  return el("section", { "data-leadflow": "stuck-leads" },
    el("h3", {}, `Stuck leads (${report.leads.length})`),
    el("p", {}, `Leads with an incident, a task for ops, a paused flow or a wait longer than `
      + `${duration(report.waitingLongerThan)}. The lead's name opens its timeline (what happened and why); the step `
      + `opens the flow in Cockpit. Each row offers only what applies to it; its answer appears beside its buttons.`),
    el("div", { class: "form-inline" }, el("label", {}, "Waiting long means longer than "), " ", thresholdField,
      " ", el("label", {}, "Reason for an action: "), " ", reasonField),
    rows.length ? el("table", { class: "cam-table leadflow-stuck" },
      el("thead", {}, el("tr", {}, ["Lead", "Why", "Flow", "Step", `Since (${browserZone()})`, "Detail", "Actions"]
        .map(t => el("th", {}, t)))),
      el("tbody", {}, rows)) : el("p", {}, "No stuck lead."),
    heldSection(api, report, reasonField));
}

function heldSection(api, report, reasonField) {
  const held = report.held.map(hold => el("li", { "data-held": hold.id },
    `${hold.type.toLowerCase()} ${hold.id}: ${hold.reason} (since ${time(hold.since)}) `,
    actionCell([{ label: "Resume", css: "leadflow-resume-hold", run: () => postJson(api,
      `${hold.type === "CHANNEL" ? "channels" : "templates"}/${encodeURIComponent(hold.id)}/resume`,
      { reason: reasonField.value }) }])));
  const kind = el("select", { class: "form-control input-sm", "data-leadflow": "hold-kind" },
    el("option", { value: "templates" }, "template"), el("option", { value: "channels" }, "channel (phone-number id)"));
  const subject = el("input", { class: "form-control input-sm", "data-leadflow": "hold-subject",
    placeholder: "template name or phone-number id" });
  const pause = actionCell([{ label: "Pause", css: "leadflow-pause-hold", run: () => subject.value
    ? postJson(api, `${kind.value}/${encodeURIComponent(subject.value.trim())}/pause`, { reason: reasonField.value })
    : null }]);
  return el("section", { "data-leadflow": "held" },
    el("h3", {}, "Held channels and templates"),
    held.length ? el("ul", {}, held) : el("p", {}, "Nothing is held."),
    el("div", { class: "form-inline" }, "Hold the sends of a ", kind, " ", subject, " ", pause));
}

/* ---------- template experiments: a chart per experiment, the verdict, promotion ---------- */

const METRIC_WORDS = { REPLIED: "replied", MEETING_BOOKED: "booked a meeting", DEAL_WON: "won a deal" };

function percent(rate) {
  return `${(rate * 100).toFixed(1)} %`;
}

/** The metric's rate per variant, with its 95 % interval as two ticks. */
function experimentChart(echarts, experiment) {
  const names = experiment.variants.map(v => v.control ? `${v.name} (control)` : v.name);
  const tick = { name: "95 % interval", type: "scatter", symbol: "rect", symbolSize: [22, 2], z: 3,
    itemStyle: { color: "#333" } };
  return chart(echarts, `experiment-${experiment.id}`,
    `Experiment ${experiment.id}: leads who ${METRIC_WORDS[experiment.metric]}, per variant`, {
      grid: { top: 16, left: 16, right: 16, bottom: 64, containLabel: true },
      tooltip: { trigger: "axis", confine: true, valueFormatter: value => percent(value) },
      xAxis: { type: "category", data: names, axisLabel: labels(110) },
      yAxis: { type: "value", min: 0, axisLabel: { formatter: value => `${Math.round(value * 1000) / 10} %` } },
      series: [
        { name: `Leads who ${METRIC_WORDS[experiment.metric]}`, type: "bar", data: experiment.variants.map(v => v.rate) },
        Object.assign({ data: experiment.variants.map(v => v.interval.low) }, tick),
        Object.assign({ data: experiment.variants.map(v => v.interval.high) }, tick)]
    }, experiment.variants.length, 300);
}

function experimentTable(api, experiment, reasonField) {
  const head = ["Variant", "Sends", "Leads", "Sent", "Delivered", "Read", "Replied", "Meeting booked", "Deal won",
    "Failed", "Blocked", "Rate (95 % interval)", "Against the control", ""];
  const rows = experiment.variants.map(v => {
    const c = v.counts;
    const against = v.vsControl ? `${(v.vsControl.difference * 100).toFixed(1)} points, p = ${v.vsControl.pValue
      .toFixed(4)}${v.vsControl.significant ? " (significant)" : ""}` : "the control";
    const stopped = v.stoppedByGuardrail ? el("div", { class: "text-danger", "data-leadflow": "guardrail-stop" },
      `Stopped by the guardrail: ${v.stoppedByGuardrail.reason}`) : null;
    const promote = experiment.status === "running" ? actionCell([{ label: "Promote", css: "leadflow-promote",
      title: `End the experiment: every new send of the step becomes variant ${v.name}`,
      confirm: `End experiment ${experiment.id} and send variant ${v.name} to every lead from now on?`,
      run: () => postJson(api, `experiments/${encodeURIComponent(experiment.id)}/promote`,
        { variant: v.name, reason: reasonField.value }).then(report => ({ operator: report.ending.by,
        result: `promoted variant ${report.ending.winner}; the experiment has ended` })) }]) : "";
    return el("tr", { "data-variant": v.name },
      el("td", {}, v.name, v.control ? " (control)" : "", stopped),
      el("td", {}, v.holdout ? "nothing (held out)" : `${v.template}${v.timing === "BEST_HOUR" ? ", at the best hour"
        : v.timing === "AT_ONCE" ? ", at once" : ""}`),
      [c.assigned, c.sent, c.delivered, c.read, c.replied, c.meetingBooked, c.dealWon, c.failed, c.blocked]
        .map(n => el("td", { class: "text-right" }, n)),
      el("td", {}, `${percent(v.rate)} (${percent(v.interval.low)} to ${percent(v.interval.high)})`),
      el("td", {}, against), el("td", {}, promote));
  });
  return el("table", { class: "table table-condensed leadflow-table", "data-leadflow-table": `experiment-${experiment.id}` },
    el("thead", {}, el("tr", {}, head.map(h => el("th", {}, h)))), el("tbody", {}, rows));
}

function experimentsSection(api, echarts) {
  const section = el("section", { "data-leadflow": "experiments" }, el("h3", {}, "Template experiments"), "Loading…");
  const reasonField = el("input", { class: "form-control input-sm", "data-leadflow": "experiment-reason",
    placeholder: "why (recorded with a promotion)" });
  getJson(api, "experiments").then(experiments => {
    if (!experiments.length) {
      section.replaceChildren(el("h3", {}, "Template experiments"),
        el("p", {}, "No experiment is configured (docs/experiments.md)."));
      return;
    }
    section.replaceChildren(el("h3", {}, "Template experiments"),
      el("p", {}, "Rates count leads, held-out ones included, within the attribution window after their variant was ",
        "given. Export: ", el("a", { href: pluginUrl(api, "experiments.csv"), "data-leadflow-csv": "experiments",
          download: "leadflow-experiments.csv" }, "experiments.csv")),
      el("div", { class: "form-inline" }, "Reason for a promotion: ", reasonField),
      ...experiments.map(experiment => el("div", { class: "leadflow-experiment", "data-experiment": experiment.id },
        el("h4", {}, `${experiment.id} (step of template key ${experiment.template}): ${experiment.status}`),
        el("p", { "data-leadflow": "verdict" }, experiment.verdict),
        el("div", { class: "leadflow-charts" }, experimentChart(echarts, experiment)),
        experimentTable(api, experiment, reasonField))));
  }).catch(error => renderFailure(section, error));
  return section;
}

/** Renders the page: as of when its data was read, with a refresh that reads it again. */
function renderOps(container, api, weeks, threshold) {
  const refresh = el("button", { type: "button", class: "btn btn-default btn-sm", "data-leadflow": "refresh" },
    "Refresh");
  refresh.addEventListener("click", () => renderOps(container, api, weeks, threshold));
  const csv = table => el("a", { href: pluginUrl(api, `dashboard/${table}.csv?weeks=${weeks}`),
    "data-leadflow-csv": table, download: `leadflow-${table}.csv` }, `${table}.csv`);
  Promise.all([loadCharts(api), getJson(api, `dashboard?weeks=${weeks}`), getJson(api, `stuck-leads?waitingLongerThan=${threshold}`)])
    .then(([echarts, data, stuck]) => container.replaceChildren(
      el("h2", {}, `Leadflow: the last ${weeks} weeks`),
      el("p", { class: "leadflow-as-of" },
        el("span", { "data-leadflow": "as-of" }, `As of ${time(data.generatedAt)} (${browserZone()}). `),
        `Weeks in ${data.timeZone}; replies and CRM outcomes count within ${data.attributionDays} days of a message. `,
        refresh, " Export: ", csv("funnel"), " · ", csv("failures")),
      el("p", { class: "leadflow-definition", "data-leadflow": "failed-means" }, FAILED_MEANS),
      el("div", { class: "leadflow-charts" }, funnelChart(echarts, data), templatesChart(echarts, data),
        weeklyChart(echarts, data), failuresChart(echarts, data), waitingChart(echarts, data)),
      outcomesTable("Per flow", "flows", data.flows),
      outcomesTable("Per template (best converting first)", "templates", data.templates),
      el("p", { "data-leadflow": "open-work" },
        `Open incidents: ${data.open.incidents} · open tasks: ${data.open.tasks}`),
      stuckLeadsSection(api, stuck, threshold, other => renderOps(container, api, weeks, other)),
      experimentsSection(api, echarts)))
    .catch(error => renderFailure(container, error));
}

/** A page of its own inside Cockpit's frame, which does not scroll: the page scrolls itself. */
function scrollingPage(name) {
  return el("div", { "data-leadflow": name, class: "leadflow-page" }, "Loading…");
}

const opsPage = {
  id: "leadflow.ops",
  pluginPoint: "cockpit.route",
  properties: { path: "/leadflow", label: "Leadflow" },
  render: (node, { api }) => {
    const container = scrollingPage("ops");
    node.replaceChildren(container);
    renderOps(container, api, 12, "P7D");
  }
};

/* ---------- a lead's timeline, in words ---------- */

const SAYS = {
  CRM_EVENT: "The CRM reported",
  FLOW_STARTED: "Flow started",
  STEP_REACHED: "Reached",
  MESSAGE_SENT: "Message sent",
  MESSAGE_DELIVERED: "Message delivered to the phone",
  MESSAGE_READ: "Message read",
  MESSAGE_FAILED: "Message failed",
  STEP_SKIPPED: "Step skipped",
  STEP_DEFERRED: "Step deferred",
  REPLY_RECEIVED: "The lead replied",
  RETRY: "Tried again",
  INCIDENT: "Stopped with an incident",
  OPERATOR_ACTION: "An operator acted",
  FLOW_ENDED: "Flow ended"
};

const TROUBLE = new Set(["MESSAGE_FAILED", "INCIDENT", "RETRY"]);

function timelineSentence(entry) {
  const what = SAYS[entry.kind] || entry.kind.toLowerCase().replace(/_/g, " ");
  const step = entry.stepName || entry.step;
  if (entry.kind === "FLOW_STARTED" || entry.kind === "FLOW_ENDED") {
    return `${what}: ${entry.flowName || entry.flow}`;
  }
  return step ? `${what}: ${step}` : what;
}

/** Details a person reads: not the diagram element's type of a step reached, nor the name of a flow started. */
function timelineDetail(entry) {
  const detail = entry.detail || "";
  if (entry.kind === "STEP_REACHED" && /^[a-z]+[A-Za-z]*$/.test(detail)) {
    return "";
  }
  return entry.kind === "FLOW_STARTED" && detail === (entry.flowName || entry.flow) ? "" : detail;
}

function timelineLeadId() {
  const query = (window.location.hash.split("?")[1] || "");
  return new URLSearchParams(query).get("lead");
}

function renderTimeline(container, api, leadId) {
  if (!leadId) {
    container.replaceChildren(el("p", {}, "Which lead? Open a timeline from a stuck lead, the Messages tab or a flow."));
    return;
  }
  getJson(api, `leads/${encodeURIComponent(leadId)}/timeline`)
    .then(({ lead, entries }) => {
      const zone = lead.timeZone || browserZone();
      const rows = entries.map(entry => el("tr", { "data-kind": entry.kind,
          class: TROUBLE.has(entry.kind) ? "leadflow-trouble" : "" },
        el("td", { class: "leadflow-when" }, time(entry.at, zone)),
        el("td", {}, entry.flowName || entry.flow || ""),
        el("td", { class: "leadflow-what" }, timelineSentence(entry)),
        el("td", { class: "leadflow-detail" }, timelineDetail(entry))));
      container.replaceChildren(
        el("p", {}, el("a", { href: "#/leadflow" }, "← Leadflow page")),
        el("h2", { "data-leadflow": "timeline-lead" }, `${lead.name || "Unnamed lead"}`),
        el("p", { class: "leadflow-lead-facts" },
          `Lead ${lead.id} · ${lead.phone || "no phone"} · ${lead.locale || ""} · times in ${zone}, the lead's time zone`),
        entries.length ? el("table", { class: "cam-table leadflow-timeline" },
          el("thead", {}, el("tr", {}, [`When (${zone})`, "Flow", "What happened", "Details"].map(t => el("th", {}, t)))),
          el("tbody", {}, rows)) : el("p", {}, "Nothing has happened to this lead yet."));
    })
    .catch(error => renderFailure(container, error));
}

const timelinePage = {
  id: "leadflow.timeline",
  pluginPoint: "cockpit.route",
  properties: { path: "/leadflow/timeline", label: "Lead timeline" },
  render: (node, { api }) => {
    const container = scrollingPage("timeline");
    node.replaceChildren(container);
    renderTimeline(container, api, timelineLeadId());
  }
};

const opsNavigation = {
  id: "leadflow.ops.navigation",
  pluginPoint: "cockpit.navigation",
  priority: 5,
  properties: { pagePath: "#/leadflow", checkActive: path => path.indexOf("#/leadflow") > -1 },
  render: node => {
    node.replaceChildren(el("a", { href: "#/leadflow", "data-leadflow": "menu" }, "Leadflow"));
  }
};

export default [messagesTab, instanceTimelineAction, sendsToday, opsPage, timelinePage, opsNavigation];

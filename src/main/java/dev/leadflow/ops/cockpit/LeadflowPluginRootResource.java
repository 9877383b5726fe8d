package dev.leadflow.ops.cockpit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.leadflow.access.Logins;
import dev.leadflow.access.Roles;
import dev.leadflow.crm.InvalidFieldException;
import dev.leadflow.crm.UnknownLeadException;
import dev.leadflow.messaging.OperatorHolds.PausableSubject;
import dev.leadflow.ops.FlowDashboard;
import dev.leadflow.ops.Interventions;
import dev.leadflow.ops.StuckLeads;
import dev.leadflow.tracking.FlowProgressService;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The plugin's API, served by Cockpit under
 * {@code /camunda/api/cockpit/plugin/leadflow/{engine}/...}. Camunda's webapp security lets only a user
 * logged in to Cockpit through, and its CSRF filter guards it like Cockpit's own API; no Leadflow
 * credentials reach the browser. Reads: the lead's messages, today's sends, the ops dashboard (JSON and CSV),
 * the stuck leads, a lead's timeline and flows; writes: the operator interventions, as the Cockpit user. Jersey creates this class per request, so it takes the Spring beans it
 * needs from the application context.
 */
@Path("plugin/" + LeadflowCockpitPlugin.ID)
public class LeadflowPluginRootResource extends AbstractCockpitPluginRootResource {

    /** The longest stuck first; a team with more than this many has a problem no list solves. */
    private static final int STUCK_LEADS_SHOWN = 500;

    /** The Cockpit user of this request (Jersey creates the resource per request). */
    private Authentication caller;

    public LeadflowPluginRootResource() {
        super(LeadflowCockpitPlugin.ID);
    }

    /** The messages of the instance's lead (its business key), oldest first; 404 for an unknown instance. */
    @GET
    @Path("{engine}/process-instance/{processInstanceId}/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response messages(@PathParam("engine") String engine,
                             @PathParam("processInstanceId") String processInstanceId) {
        return answer(() -> bean(CockpitMessages.class).ofInstance(processInstanceId)
                .map(this::json)
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build()));
    }

    /** Today's sends and failures, for the dashboard. */
    @GET
    @Path("{engine}/sends/today")
    @Produces(MediaType.APPLICATION_JSON)
    public Response today(@PathParam("engine") String engine) {
        return answer(() -> json(bean(CockpitMessages.class).today()));
    }

    /** The ops dashboard: funnel, outcomes per flow and template, failures, waiting steps, open work, holds. */
    @GET
    @Path("{engine}/dashboard")
    @Produces(MediaType.APPLICATION_JSON)
    public Response dashboard(@PathParam("engine") String engine, @QueryParam("weeks") @DefaultValue("12") int weeks) {
        return answer(() -> json(bean(FlowDashboard.class).dashboard(FlowDashboard.checkedWeeks(weeks))));
    }

    @GET
    @Path("{engine}/dashboard/{table:funnel|failures}.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("engine") String engine, @PathParam("table") String table,
                        @QueryParam("weeks") @DefaultValue("12") int weeks) {
        return answer(() -> {
            FlowDashboard dashboard = bean(FlowDashboard.class);
            String body = "funnel".equals(table) ? dashboard.funnelCsv(FlowDashboard.checkedWeeks(weeks))
                    : dashboard.failuresCsv(FlowDashboard.checkedWeeks(weeks));
            return Response.ok(body, "text/csv;charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"leadflow-" + table + ".csv\"").build();
        });
    }

    /** Leads with an incident, an open task, a paused flow or a long wait; held channels and templates. */
    @GET
    @Path("{engine}/stuck-leads")
    @Produces(MediaType.APPLICATION_JSON)
    public Response stuckLeads(@PathParam("engine") String engine,
                               @QueryParam("waitingLongerThan") @DefaultValue("P7D") String waitingLongerThan) {
        return answer(() -> {
            Duration threshold = StuckLeads.checkedThreshold(waitingLongerThan);
            return json(bean(CockpitLeads.class).stuck(threshold, STUCK_LEADS_SHOWN));
        });
    }

    /** The lead (name, masked phone, time zone) and its timeline, oldest first; 404 for an unknown lead. */
    @GET
    @Path("{engine}/leads/{leadId}/timeline")
    @Produces(MediaType.APPLICATION_JSON)
    public Response timeline(@PathParam("engine") String engine, @PathParam("leadId") String leadId) {
        return answer(() -> bean(CockpitLeads.class).timeline(Interventions.checkedId("leadId", leadId))
                .map(this::json)
                .orElseGet(() -> problem(404, "Unknown lead", "no lead " + leadId)));
    }

    /** Where each flow of the lead stands, to see why it is stuck. */
    @GET
    @Path("{engine}/leads/{leadId}/flows")
    @Produces(MediaType.APPLICATION_JSON)
    public Response flows(@PathParam("engine") String engine, @PathParam("leadId") String leadId) {
        return answer(() -> json(bean(FlowProgressService.class).ofLead(Interventions.checkedId("leadId", leadId))));
    }

    @POST
    @Path("{engine}/leads/{leadId}/{action:pause|resume}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response lead(@PathParam("engine") String engine, @PathParam("leadId") String leadId,
                         @PathParam("action") String action, Map<String, Object> body) {
        return act(() -> {
            Interventions interventions = bean(Interventions.class);
            String lead = Interventions.checkedId("leadId", leadId);
            return json("pause".equals(action) ? interventions.pauseLead(lead, operator(), reason(body))
                    : interventions.resumeLead(lead, operator(), reason(body)));
        });
    }

    @POST
    @Path("{engine}/leads/{leadId}/flows/{processInstanceId}/{action:skip|send-now|cancel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response flow(@PathParam("engine") String engine, @PathParam("leadId") String leadId,
                         @PathParam("processInstanceId") String processInstanceId, @PathParam("action") String action,
                         Map<String, Object> body) {
        return act(() -> {
            Interventions interventions = bean(Interventions.class);
            String lead = Interventions.checkedId("leadId", leadId);
            String instance = Interventions.checkedId("processInstanceId", processInstanceId);
            return json(switch (action) {
                case "skip" -> interventions.skipWaitingStep(lead, instance, null, operator(), reason(body));
                case "send-now" -> interventions.sendNow(lead, instance, operator(), reason(body));
                default -> interventions.cancelFlow(lead, instance, operator(), reason(body));
            });
        });
    }

    @POST
    @Path("{engine}/messages/{attemptId}/resend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response resend(@PathParam("engine") String engine, @PathParam("attemptId") long attemptId,
                           Map<String, Object> body) {
        return act(() -> json(bean(Interventions.class).resend(attemptId, operator(), reason(body))));
    }

    @POST
    @Path("{engine}/{type:channels|templates}/{id}/{action:pause|resume}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response hold(@PathParam("engine") String engine, @PathParam("type") String type, @PathParam("id") String id,
                         @PathParam("action") String action, Map<String, Object> body) {
        return act(() -> {
            PausableSubject subject = "channels".equals(type) ? PausableSubject.CHANNEL : PausableSubject.TEMPLATE;
            String checked = Interventions.checkedId("id", id);
            Interventions interventions = bean(Interventions.class);
            return json("pause".equals(action) ? interventions.pause(subject, checked, operator(), reason(body))
                    : interventions.resume(subject, checked, operator(), reason(body)));
        });
    }

    /** The template experiments and their results; none when the experiments capability is not there. */
    @GET
    @Path("{engine}/experiments")
    @Produces(MediaType.APPLICATION_JSON)
    public Response experiments(@PathParam("engine") String engine) {
        return answer(() -> json(experimentsPage().map(ExperimentsOnThePage::experiments).orElse(List.of())));
    }

    @GET
    @Path("{engine}/experiments.csv")
    @Produces("text/csv")
    public Response experimentsCsv(@PathParam("engine") String engine) {
        return experimentsPage().map(page -> Response.ok(page.csv(), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"leadflow-experiments.csv\"").build())
                .orElseGet(() -> Response.status(404).build());
    }

    /** Ends an experiment with its winner: for analysts and the admin, as on the API. */
    @POST
    @Path("{engine}/experiments/{experimentId}/promote")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response promote(@PathParam("engine") String engine, @PathParam("experimentId") String experimentId,
                            Map<String, Object> body) {
        Authentication current = bean(IdentityService.class).getCurrentAuthentication();
        List<String> groups = current == null || current.getGroupIds() == null ? List.of() : current.getGroupIds();
        if (!groups.contains(Roles.ANALYST_GROUP) && !groups.contains(Roles.ADMIN_GROUP)) {
            return problem(403, "Forbidden", "Promoting an experiment's winner is for analysts (group "
                    + Roles.ANALYST_GROUP + ") and the admin");
        }
        Optional<ExperimentsOnThePage> page = experimentsPage();
        if (page.isEmpty()) {
            return problem(404, "Not found", "no experiment " + experimentId + " is configured");
        }
        return answer(() -> {
            Object variant = body == null ? null : body.get("variant");
            try {
                return json(page.get().promote(experimentId, variant == null ? null : variant.toString(), operator(),
                        reason(body)));
            } catch (ExperimentsOnThePage.Refusal refusal) {
                return problem(refusal.status(), refusal.status() == 409 ? "Not applicable now; nothing changed"
                        : refusal.status() == 404 ? "Not found" : "Invalid request", refusal.getMessage());
            }
        });
    }

    private Optional<ExperimentsOnThePage> experimentsPage() {
        WebApplicationContext context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
        return context.getBeanProvider(ExperimentsOnThePage.class).stream().findFirst();
    }

    /** The Cockpit user: the engine's authenticated user while Camunda's webapp serves the request. */
    private String operator() {
        if (caller == null || caller.getUserId() == null) {
            throw new WebApplicationException(Response.Status.UNAUTHORIZED);
        }
        return caller.getUserId();
    }

    /** An intervention: for operators and the admin only (an analyst's Cockpit is read-only). */
    private Response act(java.util.function.Supplier<Response> work) {
        Authentication current = bean(IdentityService.class).getCurrentAuthentication();
        List<String> groups = current == null || current.getGroupIds() == null ? List.of() : current.getGroupIds();
        List<String> allowed = new ArrayList<>(bean(Logins.class).operatorGroups());
        allowed.add(Roles.ADMIN_GROUP);
        if (groups.stream().noneMatch(allowed::contains)) {
            return problem(403, "Forbidden", "Interventions are for operators (groups " + String.join(", ", allowed)
                    + ")");
        }
        return answer(work);
    }

    private static String reason(Map<String, Object> body) {
        Object reason = body == null ? null : body.get("reason");
        return Interventions.checkedReason(reason == null ? null : reason.toString());
    }

    /**
     * Leadflow's services run as the engine, as they do for the API (the user's Cockpit rights do not limit
     * what the Leadflow page shows), with the Cockpit user kept as the operator who acted. Refusals as
     * problem+json, as on the API: 400 for bad input, 404 unknown, 409 not applicable.
     */
    private Response answer(java.util.function.Supplier<Response> work) {
        IdentityService identity = bean(IdentityService.class);
        caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            return work.get();
        } catch (InvalidFieldException e) {
            return problem(400, "Invalid request", e.field() + ": " + e.getMessage());
        } catch (UnknownLeadException e) {
            return problem(404, "Unknown lead", e.getMessage());
        } catch (Interventions.OpsRefusal e) {
            return problem(e.unknown() ? 404 : 409, e.unknown() ? "Not found" : "Not applicable now; nothing changed",
                    e.getMessage());
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    private Response problem(int status, String title, String detail) {
        try {
            String body = bean(ObjectMapper.class).writeValueAsString(Map.of("status", status, "title", title,
                    "detail", detail));
            return Response.status(status).entity(body).type("application/problem+json").build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response json(Object body) {
        try {
            return Response.ok(bean(ObjectMapper.class).writeValueAsString(body), MediaType.APPLICATION_JSON).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T bean(Class<T> type) {
        WebApplicationContext context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
        return context.getBean(type);
    }
}

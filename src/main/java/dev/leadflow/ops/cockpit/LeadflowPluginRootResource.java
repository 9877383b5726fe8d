package dev.leadflow.ops.cockpit;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The plugin's read-only API, served by Cockpit under
 * {@code /camunda/api/cockpit/plugin/leadflow/{engine}/...}. Camunda's webapp security lets only a user
 * logged in to Cockpit through, and its CSRF filter guards it like Cockpit's own API; no Leadflow
 * credentials reach the browser. Jersey creates this class per request, so it takes the Spring beans it
 * needs from the application context.
 */
@Path("plugin/" + LeadflowCockpitPlugin.ID)
public class LeadflowPluginRootResource extends AbstractCockpitPluginRootResource {

    public LeadflowPluginRootResource() {
        super(LeadflowCockpitPlugin.ID);
    }

    /** The messages of the instance's lead (its business key), oldest first; 404 for an unknown instance. */
    @GET
    @Path("{engine}/process-instance/{processInstanceId}/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public Response messages(@PathParam("engine") String engine,
                             @PathParam("processInstanceId") String processInstanceId) {
        return bean(CockpitMessages.class).ofInstance(processInstanceId)
                .map(this::json)
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }

    /** Today's sends and failures, for the dashboard. */
    @GET
    @Path("{engine}/sends/today")
    @Produces(MediaType.APPLICATION_JSON)
    public Response today(@PathParam("engine") String engine) {
        return json(bean(CockpitMessages.class).today());
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

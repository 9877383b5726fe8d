package dev.leadflow.ops.cockpit;

import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Leadflow's Cockpit plugin (registered in META-INF/services): a "Messages" tab on the process-instance
 * view and a dashboard entry with today's sends. Its front end is
 * {@code plugin-webapp/leadflow/app/plugin.js}; its data comes from {@link LeadflowPluginRootResource}
 * under Cockpit's own API, so it runs with the Cockpit user's session.
 */
public class LeadflowCockpitPlugin extends AbstractCockpitPlugin {

    public static final String ID = "leadflow";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(LeadflowPluginRootResource.class);
    }
}

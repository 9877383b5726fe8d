package dev.leadflow.flow;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.TemplateCatalog;

/** Registers the send-task checks with the engine, so every deployment is checked as strictly as start-up. */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class SendTaskChecksPlugin extends AbstractProcessEnginePlugin {

    private final TemplateCatalog catalog;

    SendTaskChecksPlugin(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // after the expression check (FlowExpressionsPlugin runs first): a task that names what flows may not use
        // is refused for that, the clearer reason, before it is refused for not being a proper send step
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new SendTaskParseListener(catalog));
    }
}

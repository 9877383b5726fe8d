package dev.leadflow.flow;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.TemplateCatalog;

/** Registers the send-task checks with the engine, so every deployment is checked as strictly as start-up. */
@Component
class SendTaskChecksPlugin extends AbstractProcessEnginePlugin {

    private final TemplateCatalog catalog;

    SendTaskChecksPlugin(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new SendTaskParseListener(catalog));
    }
}

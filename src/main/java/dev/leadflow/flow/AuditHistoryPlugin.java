package dev.leadflow.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.SchemaOperationsCommand;
import org.camunda.bpm.engine.impl.SchemaOperationsProcessEngineBuild;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;
import org.springframework.stereotype.Component;

/**
 * Makes {@link AuditHistoryLevel} available as {@code camunda.bpm.history-level: leadflow-audit}. The engine
 * refuses to start on a database whose stored level differs from the configured one; between {@code full}
 * and {@code leadflow-audit} (either way) the stored level follows the configuration instead, because both
 * keep the audit trail: history written before stays as it is.
 */
@Component
class AuditHistoryPlugin extends AbstractProcessEnginePlugin {

    private static final String STORED_LEVEL = "historyLevel";
    private static final Set<Integer> INTERCHANGEABLE = Set.of(HistoryLevel.HISTORY_LEVEL_FULL.getId(),
            AuditHistoryLevel.ID);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> custom = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        custom.add(new AuditHistoryLevel());
        configuration.setCustomHistoryLevels(custom);
        SchemaOperationsCommand schema = configuration.getSchemaOperationsCommand() != null
                ? configuration.getSchemaOperationsCommand() : new SchemaOperationsProcessEngineBuild();
        // the engine checks the stored level right after its schema operations
        configuration.setSchemaOperationsCommand(commandContext -> {
            schema.execute(commandContext);
            followConfiguredLevel(commandContext);
            return null;
        });
    }

    private static void followConfiguredLevel(CommandContext commandContext) {
        int configured = commandContext.getProcessEngineConfiguration().getHistoryLevel().getId();
        PropertyEntity stored = commandContext.getPropertyManager().findPropertyById(STORED_LEVEL);
        if (stored != null && INTERCHANGEABLE.contains(configured)
                && INTERCHANGEABLE.contains(Integer.valueOf(stored.getValue()))
                && configured != Integer.parseInt(stored.getValue())) {
            stored.setValue(String.valueOf(configured));
        }
    }
}

package dev.leadflow.flow;

import java.util.ArrayList;
import java.util.List;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Flows see only {@link FlowBeans}: the engine's expressions resolve that map instead of the whole
 * application context, {@link FlowExpressionCheck} refuses a deployment that names anything else, and no
 * script engine is offered to BPMN.
 */
@Component
class FlowExpressionsPlugin extends AbstractProcessEnginePlugin {

    private final ApplicationContext context;

    FlowExpressionsPlugin(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        FlowBeans flowBeans = new FlowBeans(context);
        configuration.setBeans(flowBeans);
        configuration.setExpressionManager(new SpringExpressionManager(context, flowBeans));
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new FlowExpressionCheck(context));
        configuration.setCustomPostBPMNParseListeners(listeners);
        configuration.setScriptEngineResolver(new NoScriptEngines());
    }

    @Override
    public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine processEngine) {
        new FlowBeans(context).checkAllExist();
    }

    /** BPMN gets no script engine, whatever the classpath holds. */
    private static final class NoScriptEngines implements ScriptEngineResolver {

        private final ScriptEngineManager none = new ScriptEngineManager(null);

        @Override
        public void addScriptEngineFactory(ScriptEngineFactory factory) {
            // scripts are not offered to flows
        }

        @Override
        public ScriptEngineManager getScriptEngineManager() {
            return none;
        }

        @Override
        public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
            return null;
        }
    }
}

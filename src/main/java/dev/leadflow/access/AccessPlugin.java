package dev.leadflow.access;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.springframework.stereotype.Component;

/**
 * Least privilege in the engine: authorizations on (also for the job executor's and Leadflow's own calls,
 * which run unauthenticated, as the engine), {@code {bcrypt}} passwords understood, candidate groups checked
 * at deployment, and the configured users, groups, authorizations and Tasklist filters in place at start-up.
 */
@Component
class AccessPlugin extends AbstractProcessEnginePlugin {

    private final Logins logins;

    AccessPlugin(Logins logins) {
        this.logins = logins;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setAuthorizationEnabled(true);
        // a delegate's own engine calls (e.g. escalating a task) are the flow's, not the caller's
        configuration.setAuthorizationEnabledForCustomCode(false);
        // group ids as the flows name them (sales-managers) and user names such as e-mail addresses
        configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9._@-]+");
        List<PasswordEncryptor> checkers = configuration.getCustomPasswordChecker() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPasswordChecker());
        checkers.add(new BcryptPasswordChecker());
        configuration.setCustomPasswordChecker(checkers);
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new CandidateGroupCheck(logins.knownGroups()));
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        new CamundaIdentities(logins).apply(processEngine);
    }
}

package dev.leadflow.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.MessageAttempt;
import dev.leadflow.messaging.MessageLedger;
import dev.leadflow.messaging.OutboundChannel;
import dev.leadflow.messaging.PlainWords;
import dev.leadflow.messaging.Recipient;
import dev.leadflow.messaging.RecipientDirectory;
import dev.leadflow.observability.PhoneMasking;

/**
 * Every user task says which lead it is about: its name carries the lead's name (so two "Welcome could not
 * be sent" cards in Tasklist differ), its description the lead's id and masked number, and its form finds
 * the lead's name, number, the failed message or the meeting's local time as task variables. Registered
 * on every user task by a parse listener, so the BPMN files stay as analysts drew them.
 */
@Component
class LeadTaskDetails extends AbstractProcessEnginePlugin {

    static final String SEND_FAILURE_FORM = "send-failure";
    static final String RESCHEDULE_FORM = "reschedule-request";

    private final RecipientDirectory leads;
    private final MessageLedger ledger;
    private final OutboundChannel channel;

    LeadTaskDetails(RecipientDirectory leads, MessageLedger ledger, OutboundChannel channel) {
        this.leads = leads;
        this.ledger = ledger;
        this.channel = channel;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                String form = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRef");
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addTaskListener(TaskListener.EVENTNAME_CREATE, task -> describe(task, form));
            }
        });
    }

    private void describe(DelegateTask task, String form) {
        String leadId = task.getExecution().getProcessBusinessKey();
        Optional<Recipient> lead = leadId == null ? Optional.empty() : leads.find(leadId);
        String name = lead.map(Recipient::name).filter(n -> !n.isBlank()).orElse(leadId);
        String phone = lead.map(Recipient::phone).orElse(null);
        if (name != null) {
            task.setName((task.getName() == null ? "Task" : task.getName()) + ": " + name);
            task.setDescription("Lead " + name + " (" + leadId + ")" + (phone == null ? ""
                    : ", WhatsApp " + PhoneMasking.mask(phone)));
        }
        task.setVariableLocal(FlowVariables.LEAD_NAME, name);
        if (SEND_FAILURE_FORM.equals(form)) {
            task.setVariableLocal(FlowVariables.LEAD_PHONE, PhoneMasking.mask(phone));
            describeFailedSend(task);
        } else if (RESCHEDULE_FORM.equals(form)) {
            // the owner calls the lead to agree a new time: the whole number, and the meeting at the lead's clock
            task.setVariableLocal(FlowVariables.LEAD_PHONE, phone);
            Object startsAt = task.getVariable(FlowVariables.MEETING_STARTS_AT);
            String zone = lead.map(Recipient::timezone)
                    .orElse((String) task.getVariable(FlowVariables.MEETING_TIMEZONE));
            task.setVariableLocal(FlowVariables.MEETING_LOCAL_TIME, startsAt == null ? "no time set"
                    : PlainWords.localTime(Instant.parse(startsAt.toString()), zone));
        }
    }

    /** The failed message of this task, as the send step left its key; the form shows it and whether it was re-sent. */
    private void describeFailedSend(DelegateTask task) {
        Object key = task.getVariable(FlowVariables.FAILED_SEND_KEY);
        if (key == null) {
            return;
        }
        task.getExecution().removeVariable(FlowVariables.FAILED_SEND_KEY);
        task.setVariableLocal(FlowVariables.FAILED_SEND_KEY, key);
        Optional<MessageAttempt> attempt = ledger.findByKey(key.toString());
        attempt.ifPresent(failed -> {
            task.setVariableLocal(FlowVariables.MESSAGE_ATTEMPT_ID, String.valueOf(failed.id()));
            task.setVariableLocal(FlowVariables.MESSAGE_TEMPLATE, failed.templateName() + " (" + failed.language()
                    + ")");
        });
        task.setVariableLocal(FlowVariables.SEND_FAILURE_IN_WORDS, attempt.map(this::failureInWords)
                .orElse(String.valueOf(task.getVariable(FlowVariables.SEND_FAILURE))));
        task.setVariableLocal(FlowVariables.RESENT, "not yet");
    }

    private String failureInWords(MessageAttempt failed) {
        Integer code = failed.errorCode();
        return PlainWords.failure(code == null ? null : channel.plainWords(code), code, failed.errorDetail());
    }
}

package dev.leadflow.experiments;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.leadflow.ops.PersonalDataEraser;

/** A lead's erasure removes its experiment assignments and chosen send moments. */
@Component
class ExperimentDataEraser implements PersonalDataEraser {

    private final ExperimentStore store;
    private final SendMoments moments;

    ExperimentDataEraser(ExperimentStore store, SendMoments moments) {
        this.store = store;
        this.moments = moments;
    }

    @Override
    public Map<String, Integer> erase(String leadId, String phone) {
        return Map.of("experimentAssignments", store.forgetLead(leadId), "sendMoments", moments.forgetLead(leadId));
    }
}

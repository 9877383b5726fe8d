package dev.leadflow.ops;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The problem+json answer of a refused intervention. */
final class OpsProblems {

    private OpsProblems() {
    }

    static ProblemDetail of(Interventions.OpsRefusal refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.unknown() ? HttpStatus.NOT_FOUND
                : HttpStatus.CONFLICT, refusal.getMessage());
        problem.setTitle(refusal.unknown() ? "Not found" : "Not applicable now; nothing changed");
        if (refusal.existingAttemptId() != null) {
            problem.setProperty("attemptId", refusal.existingAttemptId());
        }
        return problem;
    }
}

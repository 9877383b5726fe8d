package dev.leadflow.ops;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What an operator did, as recorded: the answer of every intervention. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InterventionResult(OpsActions.Action action, String operator, Instant at, String leadId, String target,
                                 String reason, String result) {
}

package dev.leadflow.crm;

/** Answered with 404. */
public class UnknownLeadException extends RuntimeException {

    public UnknownLeadException(String leadId) {
        super("No lead with id " + leadId);
    }
}

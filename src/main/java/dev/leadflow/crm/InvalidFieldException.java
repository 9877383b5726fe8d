package dev.leadflow.crm;

/** A request field that passed the syntax checks but means nothing valid. Answered with 400. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package dev.leadflow.messaging;

/** How a failed send must be treated, whatever channel reported it. */
public enum FailureKind {
    /** Not accepted; try again later with backoff. */
    RETRYABLE,
    /** Not accepted: too many messages to this recipient; retry this recipient only, later. */
    RECIPIENT_PACED,
    /** Not accepted: outside the 24 h window a free-form message is refused; a template is needed. */
    REENGAGEMENT_REQUIRED,
    /** Not accepted: the recipient reached its marketing limit; retry in hours. */
    MARKETING_LIMITED,
    /** Not accepted: the recipient stopped marketing messages. */
    MARKETING_STOPPED,
    /** Not accepted: this number cannot receive WhatsApp messages (131026); stop sending to it. */
    RECIPIENT_UNDELIVERABLE,
    /** Not accepted: the template is paused or disabled for its quality (132015, 132016); alert. */
    TEMPLATE_PAUSED,
    /** Not accepted and never will be as configured (bad template, unknown number...). */
    PERMANENT,
    /** The channel's credentials were refused: stop the channel, alert. */
    CHANNEL_AUTH,
    /** The request may or may not have been accepted (timeout, 5xx without a body). */
    AMBIGUOUS
}

package dev.leadflow.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.leadflow.messaging.ChannelRouter.Route;
import dev.leadflow.messaging.SendHolds.Hold;
import dev.leadflow.messaging.SendHolds.Kind;

/**
 * A paused channel or template: its sends wait until its probe time, then exactly one goes to find out
 * whether it works again. An operator's pause has no probe: its sends wait until the operator resumes it.
 */
@Component
class PauseProbes {

    private static final Logger log = LoggerFactory.getLogger(PauseProbes.class);
    /** How often a send held by an operator's pause looks again whether it was resumed. */
    static final Duration OPERATOR_PAUSE_RECHECK = Duration.ofMinutes(1);

    /**
     * @param probe    the hold this send probes, to be cleared when it gets through
     * @param deferral until when this send waits
     */
    record ProbeOrWait(Optional<Hold> probe, Optional<Deferral> deferral) {
    }

    private final SendHolds holds;
    private final MessagingProperties properties;
    private final OwnTransaction ownTransaction;

    PauseProbes(SendHolds holds, MessagingProperties properties, OwnTransaction ownTransaction) {
        this.holds = holds;
        this.properties = properties;
        this.ownTransaction = ownTransaction;
    }

    ProbeOrWait channel(Route route, Instant now) {
        return probeOrWait(Kind.CHANNEL, route.id(), "channel " + route.name() + " (" + route.id() + ") is paused",
                properties.channelPauseProbe(), now);
    }

    ProbeOrWait template(String templateName, Instant now) {
        return probeOrWait(Kind.TEMPLATE, templateName, "template " + templateName + " is paused",
                properties.templatePauseProbe(), now);
    }

    private ProbeOrWait probeOrWait(Kind kind, String subject, String what, Duration probeInterval, Instant now) {
        Optional<Hold> hold = holds.find(kind, subject);
        if (hold.isEmpty()) {
            return new ProbeOrWait(Optional.empty(), Optional.empty());
        }
        if (hold.get().byOperator()) {
            return new ProbeOrWait(Optional.empty(), Optional.of(new Deferral(now.plus(OPERATOR_PAUSE_RECHECK),
                    what + " (" + hold.get().reason() + "); held until an operator resumes it")));
        }
        if (hold.get().until().isAfter(now)) {
            return new ProbeOrWait(Optional.empty(), Optional.of(new Deferral(hold.get().until(),
                    what + " (" + hold.get().reason() + "); next try at its probe time")));
        }
        Instant nextProbe = now.plus(probeInterval);
        if (ownTransaction.run(() -> holds.claimProbe(hold.get(), nextProbe))) {
            log.info("{}: this send probes whether it works again", what);
            return new ProbeOrWait(Optional.of(hold.get()), Optional.empty());
        }
        return new ProbeOrWait(Optional.empty(), Optional.of(new Deferral(nextProbe,
                what + " (" + hold.get().reason() + "); another send is probing it")));
    }
}

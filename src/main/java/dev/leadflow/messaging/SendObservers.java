package dev.leadflow.messaging;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Every {@link SendObserver} bean, told safely: an observer's failure never reaches a send. */
@Component
class SendObservers {

    private static final Logger log = LoggerFactory.getLogger(SendObservers.class);

    private final List<SendObserver> observers;

    SendObservers(ObjectProvider<SendObserver> observers) {
        this.observers = observers.orderedStream().toList();
    }

    void decided(SendCommand command, SendOutcome outcome) {
        for (SendObserver observer : observers) {
            try {
                observer.decided(command, outcome);
            } catch (RuntimeException e) {
                log.warn("Send observer {} failed", observer.getClass().getSimpleName(), e);
            }
        }
    }

    void refused(SendCommand command, RuntimeException failure) {
        for (SendObserver observer : observers) {
            try {
                observer.refused(command, failure);
            } catch (RuntimeException e) {
                log.warn("Send observer {} failed", observer.getClass().getSimpleName(), e);
            }
        }
    }
}

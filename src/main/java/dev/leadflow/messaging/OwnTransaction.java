package dev.leadflow.messaging;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits a piece of the send path on its own, whatever transaction the caller (a Camunda job) is in: a
 * claim, an outcome or a hold must stay written even when the job's transaction rolls back.
 */
@Component
class OwnTransaction {

    private final TransactionTemplate template;

    OwnTransaction(PlatformTransactionManager transactionManager) {
        this.template = new TransactionTemplate(transactionManager);
        this.template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    <T> T run(Supplier<T> work) {
        return template.execute(status -> work.get());
    }

    void run(Runnable work) {
        template.executeWithoutResult(status -> work.run());
    }
}

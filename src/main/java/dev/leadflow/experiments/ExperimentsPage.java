package dev.leadflow.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.stereotype.Component;

import dev.leadflow.ops.cockpit.ExperimentsOnThePage;

/** The experiments on the Leadflow page: the same results, CSV and promotion as the API. */
@Component
class ExperimentsPage implements ExperimentsOnThePage {

    private final ExperimentResults results;

    ExperimentsPage(ExperimentResults results) {
        this.results = results;
    }

    @Override
    public Object experiments() {
        return results.all();
    }

    @Override
    public String csv() {
        try {
            return ExperimentController.ExperimentCsv.of(results.all());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Object promote(String experimentId, String variant, String operator, String reason) {
        if (variant == null || variant.isBlank()) {
            throw new Refusal(400, "variant: name the variant to promote");
        }
        try {
            return results.promote(experimentId, variant.strip(), operator, reason);
        } catch (UnknownExperimentException e) {
            throw new Refusal(404, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "variant: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new Refusal(409, e.getMessage());
        }
    }
}

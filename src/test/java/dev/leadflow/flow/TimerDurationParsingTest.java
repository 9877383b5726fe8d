package dev.leadflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.junit.jupiter.api.Test;

import dev.leadflow.support.LeadflowIntegrationTest;

/** Timers read their durations with the JDK's own factory, named up front rather than searched for. */
class TimerDurationParsingTest extends LeadflowIntegrationTest {

    @Test
    void theEngineStartedWithTheJdkFactoryNamed() throws Exception {
        assertThat(System.getProperty(TimerDurationParsing.PROPERTY))
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        assertThat(DatatypeFactory.newInstance().getClass().getName())
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }

    @Test
    void aTimersDurationReadsAsBefore() throws Exception {
        DurationHelper dayAndAHalf = new DurationHelper("PT36H");

        assertThat(dayAndAHalf.getDateAfter(Date.from(TEST_START)).toInstant())
                .isEqualTo(TEST_START.plus(Duration.ofHours(36)));
    }
}

package dev.leadflow.flow;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Names the JDK's own {@link DatatypeFactory} before the engine parses its first timer. Camunda builds a
 * {@code DatatypeFactory} for every ISO 8601 duration it reads (each timer it schedules, e.g. a follow-up's
 * "P1D"), and without this property the JDK looks for another implementation in every jar on the class
 * path first: in the packaged jar that look-up was about 5 % of a welcome's CPU (docs/performance.md). No
 * jar in Leadflow provides one, so the implementation found is the same; a property set by whoever starts
 * the JVM is kept.
 */
@Component
class TimerDurationParsing extends AbstractProcessEnginePlugin {

    static final String PROPERTY = DatatypeFactory.DATATYPEFACTORY_PROPERTY;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }
}
